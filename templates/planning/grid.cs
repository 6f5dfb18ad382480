<?cs # grid.cs: the filters and the grid of a week view — the head of the table here, its rows (a worker a row, a day a column, open shifts on a row of their own) written by grid.c. Kept per process while the planning is unchanged (lib/cache.c): nothing here may depend on the user but what the cache key holds (the units he plans, unit, week, filters, language, may edit, agency); no form here posts. ?>
<?cs include:"partials/form.cs" ?>
<?cs include:"partials/date.cs" ?>
<form method="get" action="<?cs var:Page.Prefix ?>/planning/" class="toolbar">
  <?cs if:subcount(Page.Units) > 1 ?><div class="field"><label for="f-unit"><?cs var:Lang.Planning.Unit ?></label>
    <select id="f-unit" name="unit"><?cs each:u = Page.Units ?><option value="<?cs var:u.Id ?>"<?cs if:u.Id == Page.Unit.Id ?> selected<?cs /if ?>><?cs loop:i = 1, u.Depth, 1 ?>— <?cs /loop ?><?cs var:u.Name ?></option><?cs /each ?></select></div>
  <?cs else ?><input type="hidden" name="unit" value="<?cs var:Page.Unit.Id ?>"><?cs /if ?>
  <div class="field"><label for="f-week"><?cs var:Lang.Planning.WeekOf ?></label>
    <input id="f-week" name="week" type="date" value="<?cs var:Page.Week ?>"></div>
  <?cs call:field("position", Lang.Planning.Position, "text", "off", 1) ?>
  <?cs call:field("q", Lang.Planning.Search, "search", "off", 1) ?>
  <div class="actions"><button type="submit" class="btn"><?cs var:Lang.Planning.Show ?></button></div>
</form>
<div class="table-wrap" tabindex="0" data-keep-scroll><table class="data week">
  <caption class="visually-hidden"><?cs var:Lang.Planning.Title ?> <?cs var:Lang.Planning.Week ?> <?cs var:Page.WeekNo ?></caption>
  <thead><tr><th scope="col"><?cs var:Lang.Planning.Worker ?></th><?cs each:d = Page.Days ?><th scope="col"<?cs if:d.Today ?> class="today"<?cs /if ?>><a href="<?cs var:Page.Prefix ?>/planning/day?unit=<?cs var:Page.Unit.Id ?>&amp;date=<?cs var:d.Date ?>" title="<?cs var:Lang.Planning.DayView.Title ?>"><?cs call:day(d.Name, d.D, d.M) ?></a></th><?cs /each ?></tr></thead>
  <tbody>
  <?cs # Page.GridRows is HTML that grid.c wrote from the data with this template's escaping of every value (grid_rows_html), never a value a user sent as it came: printed as it is. ?>
  <?cs uvar:Page.GridRows ?>
  </tbody>
</table></div>
<?cs if:Page.RowCount == 0 ?><div class="panel"><p><?cs var:Lang.Planning.NoWorkers ?></p></div><?cs /if ?>
