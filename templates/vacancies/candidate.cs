<?cs # candidate.cs: one candidate of a vacancy — the person as the user may see them, the proposal, the CV, the timeline and the next steps ?>
<?cs include:"partials/date.cs" ?>
<?cs def:who(c) ?><?cs if:c.Name ?><?cs var:c.Name ?><?cs else ?><?cs var:Lang.Vacancies.Cand.Anonymous ?><?cs var:c.Id ?><?cs /if ?><?cs /def ?>
<?cs def:title() ?><?cs call:who(Page.Candidate) ?><?cs /def ?>
<?cs def:err(name) ?><?cs if:Page.Errors[name] ?><p class="field-error" id="e-<?cs var:name ?>"><?cs var:Lang.Errors[Page.Errors[name]] ?></p><?cs /if ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head"><h1><?cs call:who(Page.Candidate) ?></h1>
  <span class="badge state-<?cs var:Page.Candidate.State ?>"><?cs var:Lang.Vacancies.CandidateState[Page.Candidate.State] ?></span></div>
<p><a href="<?cs var:Page.Prefix ?>/vacancies/<?cs var:Page.Vacancy.Id ?>"><?cs var:Page.Vacancy.Title ?></a></p>
<?cs if:Page.Done ?><div class="alert alert-success" role="status"><?cs var:Lang.Vacancies.Cand.Done[Page.Done] ?></div><?cs /if ?>
<?cs if:Page.StateError ?><div class="alert alert-error" role="alert"><?cs var:Lang.Vacancies.Cand.Errors[Page.StateError] ?></div><?cs /if ?>
<section class="panel">
<dl class="facts">
  <?cs if:Page.Candidate.Name ?>
  <dt><?cs var:Lang.Vacancies.Cand.Name ?></dt><dd><?cs var:Page.Candidate.Name ?><?cs if:Page.Candidate.Worker ?> (<?cs var:Lang.Vacancies.Cand.IsWorker ?>)<?cs /if ?></dd>
  <?cs if:Page.Candidate.Email ?><dt><?cs var:Lang.Vacancies.Cand.Email ?></dt><dd><?cs var:Page.Candidate.Email ?></dd><?cs /if ?>
  <?cs if:Page.Candidate.Phone ?><dt><?cs var:Lang.Vacancies.Cand.Phone ?></dt><dd><?cs var:Page.Candidate.Phone ?></dd><?cs /if ?>
  <?cs else ?>
  <dt><?cs var:Lang.Vacancies.Cand.Name ?></dt><dd><?cs var:Lang.Vacancies.Cand.Hidden ?></dd>
  <?cs /if ?>
  <?cs if:Page.Candidate.Anonymised ?><dt><?cs var:Lang.Vacancies.Cand.AnonymisedLabel ?></dt><dd><?cs var:Lang.Vacancies.Cand.Yes ?></dd><?cs /if ?>
  <dt><?cs var:Lang.Vacancies.Cand.ProposedAt ?></dt><dd><?cs call:date(Page.Candidate.Created) ?></dd>
  <?cs if:Page.Candidate.InterviewAt ?><dt><?cs var:Lang.Vacancies.Cand.InterviewAt ?></dt><dd><?cs call:date(Page.Candidate.InterviewAt) ?></dd><?cs /if ?>
  <?cs if:Page.Candidate.ReasonCode ?><dt><?cs var:Lang.Vacancies.Cand.Reason ?></dt><dd><?cs var:Lang.Vacancies.RejectReason[Page.Candidate.ReasonCode] ?><?cs if:Page.Candidate.ReasonText ?>: <?cs var:Page.Candidate.ReasonText ?><?cs /if ?></dd><?cs /if ?>
  <dt><?cs var:Lang.Vacancies.Cand.Cv ?></dt><dd><?cs if:Page.Candidate.HasCv ?><a href="<?cs var:Page.Prefix ?>/vacancies/<?cs var:Page.Vacancy.Id ?>/candidates/<?cs var:Page.Candidate.Id ?>/cv"><?cs var:Lang.Vacancies.Cand.Download ?></a><?cs elif:Page.Candidate.CvWaits ?><?cs var:Lang.Vacancies.Cand.CvWaits ?><?cs else ?><?cs var:Lang.Vacancies.Cand.NoCv ?><?cs /if ?></dd>
</dl>
<h2><?cs var:Lang.Vacancies.Cand.Proposal ?></h2>
<p class="prewrap"><?cs var:Page.Candidate.Proposal ?></p>
</section>
<?cs if:subcount(Page.Slots) > 0 ?>
<section class="panel">
<h2><?cs var:Lang.Vacancies.Cand.Slots ?></h2>
<?cs if:Page.MayConfirm ?>
<form method="post" action="<?cs var:Page.Prefix ?>/vacancies/<?cs var:Page.Vacancy.Id ?>/candidates/<?cs var:Page.Candidate.Id ?>/confirm" novalidate>
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <fieldset class="field<?cs if:Page.Errors.slot ?> has-error<?cs /if ?>"><legend><?cs var:Lang.Vacancies.Cand.ChooseSlot ?></legend>
  <?cs each:s = Page.Slots ?><label><input type="radio" name="slot" value="<?cs var:s.Id ?>"<?cs if:Page.Errors.slot ?> aria-invalid="true" aria-describedby="e-slot"<?cs /if ?>> <?cs call:date(s.At) ?></label><br><?cs /each ?>
  <?cs call:err("slot") ?></fieldset>
  <div class="actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.Vacancies.Cand.Confirm ?></button></div>
</form>
<?cs else ?>
<ul><?cs each:s = Page.Slots ?><li><?cs call:date(s.At) ?><?cs if:s.Chosen ?> — <?cs var:Lang.Vacancies.Cand.Chosen ?><?cs /if ?></li><?cs /each ?></ul>
<?cs /if ?>
</section>
<?cs /if ?>
<?cs if:Page.MayDecide ?>
<section class="panel">
<h2><?cs var:Lang.Vacancies.Cand.Decide ?></h2>
<?cs if:Page.Candidate.State == "proposed" ?>
<form method="post" action="<?cs var:Page.Prefix ?>/vacancies/<?cs var:Page.Vacancy.Id ?>/candidates/<?cs var:Page.Candidate.Id ?>/interview" novalidate>
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <h3><?cs var:Lang.Vacancies.Cand.AskInterview ?></h3>
  <p class="muted small"><?cs var:Lang.Vacancies.Cand.SlotHelp ?></p>
  <?cs loop:i = 1, 3, 1 ?><?cs set:f = "slot" + i ?>
  <div class="field<?cs if:Page.Errors[f] ?> has-error<?cs /if ?>"><label for="f-<?cs var:f ?>"><?cs var:Lang.Vacancies.Cand.Slot ?> <?cs var:i ?></label>
    <input id="f-<?cs var:f ?>" name="<?cs var:f ?>" type="datetime-local" value="<?cs var:Page.Form[f] ?>"<?cs if:Page.Errors[f] ?> aria-invalid="true" aria-describedby="e-<?cs var:f ?>"<?cs /if ?>>
    <?cs call:err(f) ?></div>
  <?cs /loop ?>
  <div class="actions"><button type="submit" class="btn"><?cs var:Lang.Vacancies.Cand.AskInterview ?></button></div>
</form>
<?cs /if ?>
<form method="post" action="<?cs var:Page.Prefix ?>/vacancies/<?cs var:Page.Vacancy.Id ?>/candidates/<?cs var:Page.Candidate.Id ?>/accept" class="inline">
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <button type="submit" class="btn btn-primary"><?cs var:Lang.Vacancies.Cand.Accept ?></button>
</form>
<form method="post" action="<?cs var:Page.Prefix ?>/vacancies/<?cs var:Page.Vacancy.Id ?>/candidates/<?cs var:Page.Candidate.Id ?>/reject" novalidate>
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <h3><?cs var:Lang.Vacancies.Cand.Reject ?></h3>
  <div class="field<?cs if:Page.Errors.reason ?> has-error<?cs /if ?>"><label for="f-reason"><?cs var:Lang.Vacancies.Cand.Reason ?></label>
    <select id="f-reason" name="reason"<?cs if:Page.Errors.reason ?> aria-invalid="true" aria-describedby="e-reason"<?cs /if ?>><option value=""><?cs var:Lang.Vacancies.Choose ?></option>
    <?cs each:c = Page.RejectReasons ?><option value="<?cs var:c ?>"<?cs if:c == Page.Form.reason ?> selected<?cs /if ?>><?cs var:Lang.Vacancies.RejectReason[c] ?></option><?cs /each ?></select>
    <?cs call:err("reason") ?></div>
  <div class="field<?cs if:Page.Errors.text ?> has-error<?cs /if ?>"><label for="f-text"><?cs var:Lang.Vacancies.Note ?></label>
    <textarea id="f-text" name="text" rows="3" maxlength="1000"<?cs if:Page.Errors.text ?> aria-invalid="true" aria-describedby="e-text"<?cs /if ?>><?cs var:Page.Form.text ?></textarea>
    <?cs call:err("text") ?></div>
  <div class="actions"><button type="submit" class="btn btn-danger"><?cs var:Lang.Vacancies.Cand.Reject ?></button></div>
</form>
</section>
<?cs /if ?>
<?cs if:Page.MayWithdraw ?>
<form method="post" action="<?cs var:Page.Prefix ?>/vacancies/<?cs var:Page.Vacancy.Id ?>/candidates/<?cs var:Page.Candidate.Id ?>/withdraw" class="inline">
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <button type="submit" class="btn"><?cs var:Lang.Vacancies.Cand.Withdraw ?></button>
</form>
<?cs /if ?>
<section class="panel" id="comments">
<h2><?cs var:Lang.Vacancies.Cand.Comments ?></h2>
<?cs if:subcount(Page.Comments) == 0 ?><p class="muted"><?cs var:Lang.Vacancies.Cand.NoComments ?></p><?cs /if ?>
<ol class="thread"><?cs each:m = Page.Comments ?>
  <li class="<?cs if:m.Agency ?>from-agency<?cs else ?>from-client<?cs /if ?>"><p class="meta"><strong><?cs var:m.Author ?></strong> <span class="badge"><?cs if:m.Agency ?><?cs var:Lang.Vacancies.Cand.FromAgency ?><?cs else ?><?cs var:Lang.Vacancies.Cand.FromClient ?><?cs /if ?></span> <span class="muted small"><?cs call:date(m.At) ?></span></p>
  <p class="prewrap"><?cs var:m.Body ?></p></li>
<?cs /each ?></ol>
<form method="post" action="<?cs var:Page.Prefix ?>/vacancies/<?cs var:Page.Vacancy.Id ?>/candidates/<?cs var:Page.Candidate.Id ?>/comments" novalidate>
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <input type="hidden" name="key" value="<?cs if:Page.Form.key ?><?cs var:Page.Form.key ?><?cs else ?><?cs var:Page.CommentKey ?><?cs /if ?>">
  <div class="field<?cs if:Page.Errors.body ?> has-error<?cs /if ?>"><label for="f-body"><?cs var:Lang.Vacancies.Cand.Comment ?></label>
    <p class="muted small" id="h-body"><?cs var:Lang.Vacancies.Cand.CommentHelp ?></p>
    <textarea id="f-body" name="body" rows="3" maxlength="2000" aria-describedby="h-body<?cs if:Page.Errors.body ?> e-body<?cs /if ?>"<?cs if:Page.Errors.body ?> aria-invalid="true"<?cs /if ?>><?cs var:Page.Form.body ?></textarea>
    <?cs call:err("body") ?></div>
  <div class="actions"><button type="submit" class="btn"><?cs var:Lang.Vacancies.Cand.Send ?></button></div>
</form>
</section>
<section class="panel">
<h2><?cs var:Lang.Vacancies.Cand.Timeline ?></h2>
<div class="table-wrap" tabindex="0"><table class="data">
  <thead><tr><th scope="col"><?cs var:Lang.Vacancies.Cand.Step ?></th><th scope="col"><?cs var:Lang.Vacancies.Since ?></th><th scope="col"><?cs var:Lang.Vacancies.Duration ?></th><th scope="col"><?cs var:Lang.Vacancies.By ?></th><th scope="col"><?cs var:Lang.Vacancies.Note ?></th></tr></thead>
  <tbody><?cs each:e = Page.Events ?><tr><td><?cs var:Lang.Vacancies.Cand.Steps[e.Step] ?></td><td class="nowrap"><?cs call:date(e.At) ?></td><td class="nowrap"><?cs if:!(e.Step == "accepted" || e.Step == "rejected" || e.Step == "withdrawn") ?><?cs var:e.Days ?> <?cs var:Lang.Vacancies.Days ?> <?cs var:e.Hours ?> <?cs var:Lang.Vacancies.HoursShort ?> <?cs var:e.Minutes ?> <?cs var:Lang.Vacancies.MinutesShort ?><?cs /if ?></td><td><?cs var:e.Actor ?></td><td class="wrap"><?cs var:e.Note ?></td></tr><?cs /each ?></tbody>
</table></div>
</section>
<p><a href="<?cs var:Page.Prefix ?>/vacancies/<?cs var:Page.Vacancy.Id ?>"><?cs var:Lang.Vacancies.Cand.BackToVacancy ?></a></p>
<?cs /def ?>
<?cs include:"layout.cs" ?>
