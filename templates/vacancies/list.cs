<?cs # list.cs: the vacancies a user may see, with filters, sorting and candidates per state ?>
<?cs include:"partials/form.cs" ?>
<?cs def:title() ?><?cs var:Lang.Vacancies.Title ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head"><h1><?cs var:Lang.Vacancies.Title ?></h1>
  <?cs if:Page.MayOverview ?><a class="btn" href="<?cs var:Page.Prefix ?>/vacancies/overview"><?cs var:Lang.Vacancies.Overview.Title ?></a><?cs /if ?>
  <?cs if:Page.MayCreate ?><a class="btn btn-primary" href="<?cs var:Page.Prefix ?>/vacancies/new"><?cs var:Lang.Vacancies.New ?></a><?cs /if ?></div>
<form method="get" action="<?cs var:Page.Prefix ?>/vacancies/" class="toolbar">
  <div class="field"><label for="f-state"><?cs var:Lang.Vacancies.State ?></label>
    <select id="f-state" name="state"><option value=""><?cs var:Lang.Vacancies.All ?></option>
    <?cs each:s = Page.States ?><option value="<?cs var:s ?>"<?cs if:s == Page.Form.state ?> selected<?cs /if ?>><?cs var:Lang.Vacancies.States[s] ?></option><?cs /each ?></select></div>
  <?cs if:subcount(Page.Units) > 1 ?><div class="field"><label for="f-unit"><?cs var:Lang.Vacancies.Unit ?></label>
    <select id="f-unit" name="unit"><option value=""><?cs var:Lang.Vacancies.All ?></option>
    <?cs each:u = Page.Units ?><option value="<?cs var:u.Id ?>"<?cs if:u.Id == Page.Form.unit ?> selected<?cs /if ?>><?cs loop:i = 1, u.Depth, 1 ?>— <?cs /loop ?><?cs var:u.Name ?></option><?cs /each ?></select></div><?cs /if ?>
  <?cs call:field("q", Lang.Vacancies.Search, "search", "off", 1) ?>
  <div class="field"><label for="f-sort"><?cs var:Lang.Vacancies.Sort ?></label>
    <select id="f-sort" name="sort">
      <option value="newest"<?cs if:Page.Form.sort == "newest" ?> selected<?cs /if ?>><?cs var:Lang.Vacancies.SortBy.newest ?></option>
      <option value="start"<?cs if:Page.Form.sort == "start" ?> selected<?cs /if ?>><?cs var:Lang.Vacancies.SortBy.start ?></option>
      <option value="title"<?cs if:Page.Form.sort == "title" ?> selected<?cs /if ?>><?cs var:Lang.Vacancies.SortBy.title ?></option></select></div>
  <div class="actions"><button type="submit" class="btn"><?cs var:Lang.Vacancies.Filter ?></button></div>
</form>
<p class="muted small"><?cs var:Lang.Vacancies.Found ?>: <?cs var:Page.Total ?></p>
<?cs if:subcount(Page.Vacancies) > 0 ?>
<div class="table-wrap" tabindex="0"><table class="data">
  <thead><tr><th scope="col"><?cs var:Lang.Vacancies.VacancyTitle ?></th><th scope="col"><?cs var:Lang.Vacancies.Unit ?></th><th scope="col"><?cs var:Lang.Vacancies.State ?></th><th scope="col"><?cs var:Lang.Vacancies.Start ?></th><th scope="col"><?cs var:Lang.Vacancies.Positions ?></th><th scope="col"><?cs var:Lang.Vacancies.Candidates ?></th></tr></thead>
  <tbody>
  <?cs each:v = Page.Vacancies ?>
  <tr><td class="wrap"><a href="<?cs var:Page.Prefix ?>/vacancies/<?cs var:v.Id ?>"><strong><?cs var:v.Title ?></strong></a><br><span class="muted small"><?cs var:v.Position ?></span></td>
    <td><?cs var:v.Unit ?><?cs if:v.Client ?><br><span class="muted small"><?cs var:v.Client ?></span><?cs /if ?></td>
    <td><span class="badge state-<?cs var:v.State ?>"><?cs var:Lang.Vacancies.States[v.State] ?></span></td>
    <td class="nowrap"><?cs var:v.Start ?><?cs if:v.End ?> – <?cs var:v.End ?><?cs /if ?></td>
    <td><?cs var:v.Positions ?></td>
    <td class="small"><?cs each:k = v.Count ?><span class="nowrap"><?cs var:Lang.Vacancies.CandidateState[name(k)] ?>: <?cs var:k ?></span> <?cs /each ?></td></tr>
  <?cs /each ?>
  </tbody>
</table></div>
<?cs else ?>
<div class="panel"><p><?cs var:Lang.Vacancies.None ?></p></div>
<?cs /if ?>
<?cs if:Page.Pages > 1 ?><nav class="pagination" aria-label="<?cs var:Lang.Vacancies.Pages ?>"><?cs if:Page.PageNo > 1 ?><a href="<?cs var:Page.Prefix ?>/vacancies/?<?cs if:Page.Query ?><?cs var:Page.Query ?>&amp;<?cs /if ?>page=<?cs var:Page.PageNo - 1 ?>"><?cs var:Lang.Vacancies.Previous ?></a><?cs /if ?> <span><?cs var:Page.PageNo ?> / <?cs var:Page.Pages ?></span> <?cs if:Page.PageNo < Page.Pages ?><a href="<?cs var:Page.Prefix ?>/vacancies/?<?cs if:Page.Query ?><?cs var:Page.Query ?>&amp;<?cs /if ?>page=<?cs var:Page.PageNo + 1 ?>"><?cs var:Lang.Vacancies.Next ?></a><?cs /if ?></nav><?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
