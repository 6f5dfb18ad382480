<?cs # show.cs: one vacancy — its fields, its candidates, the time in each state, and its state changes ?>
<?cs def:title() ?><?cs var:Page.Vacancy.Title ?><?cs /def ?>
<?cs def:who(c) ?><?cs if:c.Name ?><?cs var:c.Name ?><?cs else ?><?cs var:Lang.Vacancies.Cand.Anonymous ?><?cs var:c.Id ?><?cs /if ?><?cs /def ?>
<?cs def:dur(d) ?><?cs var:d.Days ?> <?cs var:Lang.Vacancies.Days ?> <?cs var:d.Hours ?> <?cs var:Lang.Vacancies.HoursShort ?> <?cs var:d.Minutes ?> <?cs var:Lang.Vacancies.MinutesShort ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head"><h1><?cs var:Page.Vacancy.Title ?></h1>
  <span class="badge state-<?cs var:Page.Vacancy.State ?>"><?cs var:Lang.Vacancies.States[Page.Vacancy.State] ?></span>
  <?cs if:Page.MayEdit && Page.Vacancy.State != "closed" ?><a class="btn" href="<?cs var:Page.Prefix ?>/vacancies/<?cs var:Page.Vacancy.Id ?>/edit"><?cs var:Lang.Vacancies.Edit ?></a><?cs /if ?></div>
<?cs if:Page.Done ?><div class="alert alert-success" role="status"><?cs var:Lang.Vacancies.Done[Page.Done] ?></div><?cs /if ?>
<?cs if:Page.StateError ?><div class="alert alert-error" role="alert"><?cs var:Lang.Vacancies.StateErrors[Page.StateError] ?></div><?cs /if ?>
<section class="panel">
<dl class="facts">
  <dt><?cs var:Lang.Vacancies.Position ?></dt><dd><?cs var:Page.Vacancy.Position ?></dd>
  <dt><?cs var:Lang.Vacancies.Unit ?></dt><dd><?cs var:Page.Vacancy.Unit ?><?cs if:Page.Vacancy.Client ?> (<?cs var:Page.Vacancy.Client ?>)<?cs /if ?></dd>
  <dt><?cs var:Lang.Vacancies.Location ?></dt><dd><?cs var:Page.Vacancy.Location ?></dd>
  <dt><?cs var:Lang.Vacancies.Hours ?></dt><dd><?cs var:Page.Vacancy.Hours ?></dd>
  <dt><?cs var:Lang.Vacancies.Shift ?></dt><dd><?cs var:Lang.Vacancies.Shifts[Page.Vacancy.Shift] ?></dd>
  <dt><?cs var:Lang.Vacancies.Start ?></dt><dd><?cs var:Page.Vacancy.Start ?></dd>
  <dt><?cs var:Lang.Vacancies.End ?></dt><dd><?cs if:Page.Vacancy.End ?><?cs var:Page.Vacancy.End ?><?cs else ?><?cs var:Lang.Vacancies.NoEnd ?><?cs /if ?></dd>
  <dt><?cs var:Lang.Vacancies.Positions ?></dt><dd><?cs var:Page.Vacancy.Positions ?></dd>
  <dt><?cs var:Lang.Vacancies.Skills ?></dt><dd><?cs var:Page.Vacancy.Skills ?></dd>
  <dt><?cs var:Lang.Vacancies.Languages ?></dt><dd><?cs var:Page.Vacancy.Languages ?></dd>
  <?cs if:Page.Vacancy.CloseReason ?><dt><?cs var:Lang.Vacancies.CloseReasonLabel ?></dt><dd><?cs var:Lang.Vacancies.CloseReason[Page.Vacancy.CloseReason] ?></dd><?cs /if ?>
  <dt><?cs var:Lang.Vacancies.CreatedBy ?></dt><dd><?cs if:Page.Vacancy.Creator ?><?cs var:Page.Vacancy.Creator ?>, <?cs /if ?><?cs var:Page.Vacancy.Created ?></dd>
</dl>
<h2><?cs var:Lang.Vacancies.Description ?></h2>
<p class="prewrap"><?cs var:Page.Vacancy.Description ?></p>
</section>
<section class="panel" id="candidates">
<h2><?cs var:Lang.Vacancies.Candidates ?></h2>
<?cs if:!Page.MayViewCandidates || subcount(Page.Candidates) == 0 || Page.View == "list" ?>
<ul class="inline-list"><?cs each:s = Page.CandidateStates ?><li><?cs var:Lang.Vacancies.CandidateState[s] ?>: <?cs if:Page.Count[s] ?><?cs var:Page.Count[s] ?><?cs else ?>0<?cs /if ?></li><?cs /each ?></ul>
<?cs /if ?>
<?cs if:Page.MayViewCandidates && subcount(Page.Candidates) > 0 ?>
<nav class="view-toggle" aria-label="<?cs var:Lang.Vacancies.CandidatesView ?>">
  <a href="<?cs var:Page.Prefix ?>/vacancies/<?cs var:Page.Vacancy.Id ?>?view=board#candidates"<?cs if:Page.View == "board" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Vacancies.ViewBoard ?></a>
  <a href="<?cs var:Page.Prefix ?>/vacancies/<?cs var:Page.Vacancy.Id ?>?view=list#candidates"<?cs if:Page.View == "list" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Vacancies.ViewList ?></a>
</nav>
<?cs if:Page.View == "list" ?>
<div class="table-wrap" tabindex="0"><table class="data">
  <thead><tr><th scope="col"><?cs var:Lang.Vacancies.Cand.Name ?></th><th scope="col"><?cs var:Lang.Vacancies.State ?></th><th scope="col"><?cs var:Lang.Vacancies.InStateFor ?></th><th scope="col"><?cs var:Lang.Vacancies.Cand.ProposedAt ?></th><th scope="col"><?cs var:Lang.Vacancies.Cand.InterviewAt ?></th><th scope="col"><?cs var:Lang.Vacancies.Cand.Comments ?></th></tr></thead>
  <tbody><?cs each:c = Page.Candidates ?><tr><td><a href="<?cs var:Page.Prefix ?>/vacancies/<?cs var:Page.Vacancy.Id ?>/candidates/<?cs var:c.Id ?>"><?cs call:who(c) ?></a></td><td><?cs var:Lang.Vacancies.CandidateState[c.State] ?></td><td class="num"><?cs var:c.Days ?> <?cs var:Lang.Vacancies.Days ?></td><td class="nowrap"><?cs var:c.Created ?></td><td class="nowrap"><?cs var:c.InterviewAt ?></td><td class="num"><?cs if:c.Comments ?><?cs var:c.Comments ?><?cs else ?>0<?cs /if ?></td></tr><?cs /each ?></tbody>
</table></div>
<?cs else ?>
<div class="board">
<?cs each:s = Page.CandidateStates ?>
  <section class="board-col state-<?cs var:s ?>" aria-labelledby="col-<?cs var:s ?>">
  <h3 id="col-<?cs var:s ?>"><?cs var:Lang.Vacancies.CandidateState[s] ?> <span class="count"><?cs if:Page.Count[s] ?><?cs var:Page.Count[s] ?><?cs else ?>0<?cs /if ?></span></h3>
  <ul class="cards"><?cs each:c = Page.Candidates ?><?cs if:c.State == s ?>
    <li class="card"><a href="<?cs var:Page.Prefix ?>/vacancies/<?cs var:Page.Vacancy.Id ?>/candidates/<?cs var:c.Id ?>"><?cs call:who(c) ?></a>
      <p class="muted small"><?cs var:Lang.Vacancies.InStateBefore ?> <?cs var:c.Days ?> <?cs var:Lang.Vacancies.Days ?> <?cs var:Lang.Vacancies.InStateAfter ?></p>
      <?cs if:c.State == "interview" ?><p class="small"><?cs if:c.InterviewAt ?><?cs var:Lang.Vacancies.Cand.InterviewAt ?> <?cs var:c.InterviewAt ?><?cs else ?><?cs var:Lang.Vacancies.AwaitingTime ?><?cs /if ?></p><?cs /if ?>
      <?cs if:c.Comments ?><p class="muted small"><?cs var:c.Comments ?> <?cs var:Lang.Vacancies.CommentCount ?></p><?cs /if ?></li>
  <?cs /if ?><?cs /each ?></ul>
  </section>
<?cs /each ?>
</div>
<?cs /if ?>
<?cs /if ?>
<?cs if:Page.MayPropose ?><p><a class="btn" href="<?cs var:Page.Prefix ?>/vacancies/<?cs var:Page.Vacancy.Id ?>/candidates/new"><?cs var:Lang.Vacancies.Cand.Propose ?></a></p><?cs /if ?>
</section>
<section class="panel">
<h2><?cs var:Lang.Vacancies.TimeInStates ?></h2>
<ul class="inline-list"><?cs each:t = Page.TimeIn ?><li><?cs var:Lang.Vacancies.States[name(t)] ?>: <?cs call:dur(t) ?></li><?cs /each ?></ul>
<div class="table-wrap" tabindex="0"><table class="data">
  <thead><tr><th scope="col"><?cs var:Lang.Vacancies.State ?></th><th scope="col"><?cs var:Lang.Vacancies.Since ?></th><th scope="col"><?cs var:Lang.Vacancies.Duration ?></th><th scope="col"><?cs var:Lang.Vacancies.By ?></th><th scope="col"><?cs var:Lang.Vacancies.Note ?></th></tr></thead>
  <tbody><?cs each:e = Page.Events ?><tr><td><?cs var:Lang.Vacancies.States[e.State] ?></td><td class="nowrap"><?cs var:e.At ?></td><td class="nowrap"><?cs if:e.State != "closed" ?><?cs call:dur(e) ?><?cs /if ?></td><td><?cs var:e.Actor ?></td><td class="wrap"><?cs var:e.Note ?></td></tr><?cs /each ?></tbody>
</table></div>
</section>
<?cs if:Page.MayEdit && subcount(Page.Next) > 0 ?>
<section class="panel">
<h2><?cs var:Lang.Vacancies.ChangeState ?></h2>
<?cs each:s = Page.Next ?><?cs if:s != "closed" ?>
<form method="post" action="<?cs var:Page.Prefix ?>/vacancies/<?cs var:Page.Vacancy.Id ?>/state" class="inline">
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <input type="hidden" name="to" value="<?cs var:s ?>">
  <button type="submit" class="btn"><?cs var:Lang.Vacancies.To[s] ?></button>
</form>
<?cs /if ?><?cs /each ?>
<?cs each:s = Page.Next ?><?cs if:s == "closed" ?>
<form method="post" action="<?cs var:Page.Prefix ?>/vacancies/<?cs var:Page.Vacancy.Id ?>/state" novalidate>
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <input type="hidden" name="to" value="closed">
  <div class="field<?cs if:Page.Errors.reason ?> has-error<?cs /if ?>"><label for="f-reason"><?cs var:Lang.Vacancies.CloseReasonLabel ?></label>
    <select id="f-reason" name="reason"<?cs if:Page.Errors.reason ?> aria-invalid="true" aria-describedby="e-reason"<?cs /if ?>><option value=""><?cs var:Lang.Vacancies.Choose ?></option>
    <?cs each:c = Page.CloseReasons ?><option value="<?cs var:c ?>"<?cs if:c == Page.Form.reason ?> selected<?cs /if ?>><?cs var:Lang.Vacancies.CloseReason[c] ?></option><?cs /each ?></select>
    <?cs if:Page.Errors.reason ?><p class="field-error" id="e-reason"><?cs var:Lang.Errors[Page.Errors.reason] ?></p><?cs /if ?></div>
  <div class="field<?cs if:Page.Errors.note ?> has-error<?cs /if ?>"><label for="f-note"><?cs var:Lang.Vacancies.Note ?></label>
    <input id="f-note" name="note" type="text" autocomplete="off" value="<?cs var:Page.Form.note ?>">
    <?cs if:Page.Errors.note ?><p class="field-error" id="e-note"><?cs var:Lang.Errors[Page.Errors.note] ?></p><?cs /if ?></div>
  <div class="actions"><button type="submit" class="btn btn-danger"><?cs var:Lang.Vacancies.To.closed ?></button></div>
</form>
<?cs /if ?><?cs /each ?>
</section>
<?cs /if ?>
<p><a href="<?cs var:Page.Prefix ?>/vacancies/"><?cs var:Lang.Vacancies.Back ?></a></p>
<?cs /def ?>
<?cs include:"layout.cs" ?>
