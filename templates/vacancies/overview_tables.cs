<?cs # overview_tables.cs: the tables of the consultant's overview — interviews waiting for a time, open vacancies without candidates, each client's pipeline. Kept per process (overview.c): nothing here may depend on the user but what the key holds (his clients and units, the language). ?>
<?cs include:"partials/date.cs" ?>
<?cs def:who(c) ?><?cs if:c.Name ?><?cs var:c.Name ?><?cs else ?><?cs var:Lang.Vacancies.Cand.Anonymous ?><?cs var:c.Id ?><?cs /if ?><?cs /def ?>
<section class="panel" id="to-confirm">
<h2><?cs var:Lang.Vacancies.Overview.ToConfirm ?></h2>
<?cs if:subcount(Page.ToConfirm) > 0 ?>
<div class="table-wrap" tabindex="0"><table class="data">
  <thead><tr><th scope="col"><?cs var:Lang.Vacancies.Cand.Name ?></th><th scope="col"><?cs var:Lang.Vacancies.VacancyTitle ?></th><th scope="col"><?cs var:Lang.Vacancies.Overview.Client ?></th><th scope="col"><?cs var:Lang.Vacancies.Overview.AskedOn ?></th><th scope="col"><?cs var:Lang.Vacancies.Overview.Waiting ?></th></tr></thead>
  <tbody><?cs each:c = Page.ToConfirm ?><tr><td><a href="<?cs var:Page.Prefix ?>/vacancies/<?cs var:c.Vacancy ?>/candidates/<?cs var:c.Id ?>"><?cs call:who(c) ?></a></td><td class="wrap"><?cs var:c.Title ?></td><td><?cs var:c.Client ?><br><span class="muted small"><?cs var:c.Unit ?></span></td><td class="nowrap"><?cs var:c.Asked ?></td><td class="num"><?cs var:c.Days ?> <?cs var:Lang.Vacancies.Days ?></td></tr><?cs /each ?></tbody>
</table></div>
<?cs else ?><p class="muted"><?cs var:Lang.Vacancies.Overview.ToConfirmNone ?></p><?cs /if ?>
</section>
<section class="panel">
<h2><?cs var:Lang.Vacancies.Overview.Unstaffed ?></h2>
<?cs if:subcount(Page.Unstaffed) > 0 ?>
<div class="table-wrap" tabindex="0"><table class="data">
  <thead><tr><th scope="col"><?cs var:Lang.Vacancies.VacancyTitle ?></th><th scope="col"><?cs var:Lang.Vacancies.Overview.Client ?></th><th scope="col"><?cs var:Lang.Vacancies.Start ?></th><th scope="col"><?cs var:Lang.Vacancies.Overview.OpenFor ?></th><th scope="col"><span class="visually-hidden"><?cs var:Lang.Vacancies.Cand.Propose ?></span></th></tr></thead>
  <tbody><?cs each:v = Page.Unstaffed ?><tr><td class="wrap"><a href="<?cs var:Page.Prefix ?>/vacancies/<?cs var:v.Id ?>"><strong><?cs var:v.Title ?></strong></a><br><span class="muted small"><?cs var:v.Position ?></span></td><td><?cs var:v.Client ?><br><span class="muted small"><?cs var:v.Unit ?></span></td><td class="nowrap"><?cs call:date(v.Start) ?></td><td class="num"><?cs var:v.Days ?> <?cs var:Lang.Vacancies.Days ?></td><td><a class="btn" href="<?cs var:Page.Prefix ?>/vacancies/<?cs var:v.Id ?>/candidates/new"><?cs var:Lang.Vacancies.Cand.Propose ?></a></td></tr><?cs /each ?></tbody>
</table></div>
<?cs else ?><p class="muted"><?cs var:Lang.Vacancies.Overview.UnstaffedNone ?></p><?cs /if ?>
</section>
<section class="panel">
<h2><?cs var:Lang.Vacancies.Overview.PerClient ?></h2>
<?cs if:subcount(Page.Clients) > 0 ?>
<div class="table-wrap" tabindex="0"><table class="data">
  <thead><tr><th scope="col"><?cs var:Lang.Vacancies.Overview.Client ?></th><th scope="col" class="num"><?cs var:Lang.Vacancies.Overview.Open ?></th><th scope="col" class="num"><?cs var:Lang.Vacancies.Overview.Proposed ?></th><th scope="col" class="num"><?cs var:Lang.Vacancies.Overview.Interview ?></th><th scope="col" class="num"><?cs var:Lang.Vacancies.Overview.Accepted ?></th></tr></thead>
  <tbody><?cs each:c = Page.Clients ?><tr><td><?cs if:c.Unit ?><a href="<?cs var:Page.Prefix ?>/vacancies/?state=open&amp;unit=<?cs var:c.Unit ?>"><?cs var:c.Name ?></a><?cs else ?><?cs var:c.Name ?><?cs /if ?></td><td class="num"><?cs var:c.Open ?></td><td class="num"><?cs var:c.Proposed ?></td><td class="num"><?cs var:c.Interview ?></td><td class="num"><?cs var:c.Accepted ?></td></tr><?cs /each ?></tbody>
</table></div>
<?cs else ?><p class="muted"><?cs var:Lang.Vacancies.Overview.NoClients ?></p><?cs /if ?>
</section>
