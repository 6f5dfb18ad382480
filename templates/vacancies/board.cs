<?cs # board.cs: the body of a vacancy's page — its fields, its candidates (a board with a column per state, or a list) and its time in each state. Kept per process while the vacancies clock stands, for a minute at most (lib/cache.c): nothing here may depend on the user but what the key holds (view, language, agency side, may see candidates, may propose); no form here. ?>
<?cs include:"partials/date.cs" ?>
<?cs def:who(c) ?><?cs if:c.Name ?><?cs var:c.Name ?><?cs else ?><?cs var:Lang.Vacancies.Cand.Anonymous ?><?cs var:c.Id ?><?cs /if ?><?cs /def ?>
<?cs def:dur(d) ?><?cs var:d.Days ?> <?cs var:Lang.Vacancies.Days ?> <?cs var:d.Hours ?> <?cs var:Lang.Vacancies.HoursShort ?> <?cs var:d.Minutes ?> <?cs var:Lang.Vacancies.MinutesShort ?><?cs /def ?>
<section class="panel">
<dl class="facts">
  <dt><?cs var:Lang.Vacancies.Position ?></dt><dd><?cs var:Page.Vacancy.Position ?></dd>
  <dt><?cs var:Lang.Vacancies.Unit ?></dt><dd><?cs var:Page.Vacancy.Unit ?><?cs if:Page.Vacancy.Client ?> (<?cs var:Page.Vacancy.Client ?>)<?cs /if ?></dd>
  <dt><?cs var:Lang.Vacancies.Location ?></dt><dd><?cs var:Page.Vacancy.Location ?></dd>
  <dt><?cs var:Lang.Vacancies.Hours ?></dt><dd><?cs var:Page.Vacancy.Hours ?></dd>
  <dt><?cs var:Lang.Vacancies.Shift ?></dt><dd><?cs var:Lang.Vacancies.Shifts[Page.Vacancy.Shift] ?></dd>
  <dt><?cs var:Lang.Vacancies.Start ?></dt><dd><?cs call:date(Page.Vacancy.Start) ?></dd>
  <dt><?cs var:Lang.Vacancies.End ?></dt><dd><?cs if:Page.Vacancy.End ?><?cs call:date(Page.Vacancy.End) ?><?cs else ?><?cs var:Lang.Vacancies.NoEnd ?><?cs /if ?></dd>
  <dt><?cs var:Lang.Vacancies.Positions ?></dt><dd><?cs var:Page.Vacancy.Positions ?></dd>
  <dt><?cs var:Lang.Vacancies.Skills ?></dt><dd><?cs var:Page.Vacancy.Skills ?></dd>
  <dt><?cs var:Lang.Vacancies.Languages ?></dt><dd><?cs var:Page.Vacancy.Languages ?></dd>
  <?cs if:Page.Vacancy.CloseReason ?><dt><?cs var:Lang.Vacancies.CloseReasonLabel ?></dt><dd><?cs var:Lang.Vacancies.CloseReason[Page.Vacancy.CloseReason] ?></dd><?cs /if ?>
  <dt><?cs var:Lang.Vacancies.CreatedBy ?></dt><dd><?cs if:Page.Vacancy.Creator ?><?cs var:Page.Vacancy.Creator ?>, <?cs /if ?><?cs call:date(Page.Vacancy.Created) ?></dd>
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
  <tbody><?cs each:c = Page.Candidates ?><tr><td><a href="<?cs var:Page.Prefix ?>/vacancies/<?cs var:Page.Vacancy.Id ?>/candidates/<?cs var:c.Id ?>"><?cs call:who(c) ?></a></td><td><?cs var:Lang.Vacancies.CandidateState[c.State] ?></td><td class="num"><?cs var:c.Days ?> <?cs var:Lang.Vacancies.Days ?></td><td class="nowrap"><?cs call:date(c.Created) ?></td><td class="nowrap"><?cs call:date(c.InterviewAt) ?></td><td class="num"><?cs if:c.Comments ?><?cs var:c.Comments ?><?cs else ?>0<?cs /if ?></td></tr><?cs /each ?></tbody>
</table></div>
<?cs else ?>
<div class="board">
<?cs each:s = Page.CandidateStates ?>
  <section class="board-col state-<?cs var:s ?>" aria-labelledby="col-<?cs var:s ?>">
  <h3 id="col-<?cs var:s ?>"><?cs var:Lang.Vacancies.CandidateState[s] ?> <span class="count"><?cs if:Page.Count[s] ?><?cs var:Page.Count[s] ?><?cs else ?>0<?cs /if ?></span></h3>
  <ul class="cards"><?cs each:c = Page.Candidates ?><?cs if:c.State == s ?>
    <li class="card"><a href="<?cs var:Page.Prefix ?>/vacancies/<?cs var:Page.Vacancy.Id ?>/candidates/<?cs var:c.Id ?>"><?cs call:who(c) ?></a>
      <p class="muted small"><?cs var:Lang.Vacancies.InStateBefore ?> <?cs var:c.Days ?> <?cs var:Lang.Vacancies.Days ?> <?cs var:Lang.Vacancies.InStateAfter ?></p>
      <?cs if:c.State == "interview" ?><p class="small"><?cs if:c.InterviewAt ?><?cs var:Lang.Vacancies.Cand.InterviewAt ?> <?cs call:date(c.InterviewAt) ?><?cs else ?><?cs var:Lang.Vacancies.AwaitingTime ?><?cs /if ?></p><?cs /if ?>
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
  <tbody><?cs each:e = Page.Events ?><tr><td><?cs var:Lang.Vacancies.States[e.State] ?></td><td class="nowrap"><?cs call:date(e.At) ?></td><td class="nowrap"><?cs if:e.State != "closed" ?><?cs call:dur(e) ?><?cs /if ?></td><td><?cs var:e.Actor ?></td><td class="wrap"><?cs var:e.Note ?></td></tr><?cs /each ?></tbody>
</table></div>
</section>
