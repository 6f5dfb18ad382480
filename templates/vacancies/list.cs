<?cs # list.cs: the vacancies a user may see — the filters and sorting around the table (table.cs, rendered and kept apart: Page.Table) ?>
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
  <div class="field"><label for="f-waiting"><?cs var:Lang.Vacancies.Waiting ?></label>
    <select id="f-waiting" name="waiting"><option value=""><?cs var:Lang.Vacancies.All ?></option>
    <option value="decision"<?cs if:Page.Form.waiting == "decision" ?> selected<?cs /if ?>><?cs var:Lang.Vacancies.WaitingDecision ?></option></select></div>
  <?cs call:field("q", Lang.Vacancies.Search, "search", "off", 1) ?>
  <div class="field"><label for="f-sort"><?cs var:Lang.Vacancies.Sort ?></label>
    <select id="f-sort" name="sort">
      <option value="newest"<?cs if:Page.Form.sort == "newest" ?> selected<?cs /if ?>><?cs var:Lang.Vacancies.SortBy.newest ?></option>
      <option value="start"<?cs if:Page.Form.sort == "start" ?> selected<?cs /if ?>><?cs var:Lang.Vacancies.SortBy.start ?></option>
      <option value="title"<?cs if:Page.Form.sort == "title" ?> selected<?cs /if ?>><?cs var:Lang.Vacancies.SortBy.title ?></option></select></div>
  <div class="actions"><button type="submit" class="btn"><?cs var:Lang.Vacancies.Filter ?></button></div>
</form>
<?cs # Page.Table is HTML that table.cs rendered with this page's escaping (view_render_part in list.c, kept per process), never a value a user sent: printed as it is. ?>
<?cs uvar:Page.Table ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
