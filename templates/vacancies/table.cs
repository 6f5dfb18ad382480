<?cs # table.cs: the vacancies of a list page with their candidates per state, and the pages. Kept per process while no vacancy, candidate or name changes (lib/cache.c): nothing here may depend on the user but what the key holds (scope, filters, order, page, language). ?>
<?cs include:"partials/date.cs" ?>
<p class="muted small"><?cs var:Lang.Vacancies.Found ?>: <?cs var:Page.Total ?></p>
<?cs if:subcount(Page.Vacancies) > 0 ?>
<div class="table-wrap" tabindex="0"><table class="data">
  <thead><tr><th scope="col"><?cs var:Lang.Vacancies.VacancyTitle ?></th><th scope="col"><?cs var:Lang.Vacancies.Unit ?></th><th scope="col"><?cs var:Lang.Vacancies.State ?></th><th scope="col"><?cs var:Lang.Vacancies.Start ?></th><th scope="col"><?cs var:Lang.Vacancies.Positions ?></th><th scope="col"><?cs var:Lang.Vacancies.Candidates ?></th></tr></thead>
  <tbody>
  <?cs each:v = Page.Vacancies ?>
  <tr><td class="wrap"><a href="<?cs var:Page.Prefix ?>/vacancies/<?cs var:v.Id ?>"><strong><?cs var:v.Title ?></strong></a><br><span class="muted small"><?cs var:v.Position ?></span></td>
    <td><?cs var:v.Unit ?><?cs if:v.Client ?><br><span class="muted small"><?cs var:v.Client ?></span><?cs /if ?></td>
    <td><span class="badge state-<?cs var:v.State ?>"><?cs var:Lang.Vacancies.States[v.State] ?></span></td>
    <td class="nowrap"><?cs call:date(v.Start) ?><?cs if:v.End ?> – <?cs call:date(v.End) ?><?cs /if ?></td>
    <td><?cs var:v.Positions ?></td>
    <td class="small"><?cs each:k = v.Count ?><span class="nowrap"><?cs var:Lang.Vacancies.CandidateState[name(k)] ?>: <?cs var:k ?></span> <?cs /each ?></td></tr>
  <?cs /each ?>
  </tbody>
</table></div>
<?cs else ?>
<div class="panel"><p><?cs var:Lang.Vacancies.None ?></p></div>
<?cs /if ?>
<?cs if:Page.Pages > 1 ?><nav class="pagination" aria-label="<?cs var:Lang.Vacancies.Pages ?>"><?cs if:Page.PageNo > 1 ?><a href="<?cs var:Page.Prefix ?>/vacancies/?<?cs if:Page.Query ?><?cs var:Page.Query ?>&amp;<?cs /if ?>page=<?cs var:Page.PageNo - 1 ?>"><?cs var:Lang.Vacancies.Previous ?></a><?cs /if ?> <span><?cs var:Page.PageNo ?> / <?cs var:Page.Pages ?></span> <?cs if:Page.PageNo < Page.Pages ?><a href="<?cs var:Page.Prefix ?>/vacancies/?<?cs if:Page.Query ?><?cs var:Page.Query ?>&amp;<?cs /if ?>page=<?cs var:Page.PageNo + 1 ?>"><?cs var:Lang.Vacancies.Next ?></a><?cs /if ?></nav><?cs /if ?>
