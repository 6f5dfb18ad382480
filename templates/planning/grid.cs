<?cs # grid.cs: the filters and the grid of a week view — a row per worker of the pool, a column per day; each cell the worker's availability and shifts, open shifts on a row of their own. Kept per process while the planning is unchanged (lib/cache.c): nothing here may depend on the user but what the cache key holds (the units he plans, unit, week, filters, language, may edit, agency); no form here posts. ?>
<?cs include:"partials/form.cs" ?>
<?cs def:shift(s) ?><?cs if:s.Elsewhere ?><span class="shift elsewhere" title="<?cs var:Lang.Planning.Elsewhere ?>"><?cs var:s.Start ?>–<?cs var:s.End ?> <?cs var:Lang.Planning.Busy ?></span><?cs else ?><span class="shift state-<?cs var:s.State ?>"><?cs if:s.MayEdit ?><a href="<?cs var:Page.Prefix ?>/planning/shifts/<?cs var:s.Id ?>/edit?view=<?cs var:Page.Unit.Id ?>"><?cs var:s.Start ?>–<?cs var:s.End ?></a><?cs else ?><?cs var:s.Start ?>–<?cs var:s.End ?><?cs /if ?><?cs if:s.Position ?> <span class="small"><?cs var:s.Position ?></span><?cs /if ?><?cs if:s.State != "planned" ?> <span class="small muted"><?cs var:Lang.Planning.States[s.State] ?></span><?cs /if ?><?cs each:v = s.Rules ?> <span class="small rule"><?cs var:Lang.Planning.Rules[v] ?></span><?cs /each ?></span><?cs /if ?><?cs /def ?>
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
  <thead><tr><th scope="col"><?cs var:Lang.Planning.Worker ?></th><?cs each:d = Page.Days ?><th scope="col"<?cs if:d.Today ?> class="today"<?cs /if ?>><a href="<?cs var:Page.Prefix ?>/planning/day?unit=<?cs var:Page.Unit.Id ?>&amp;date=<?cs var:d.Date ?>" title="<?cs var:Lang.Planning.DayView.Title ?>"><?cs var:Lang.Planning.Day[d.Name] ?> <?cs var:d.Short ?></a></th><?cs /each ?></tr></thead>
  <tbody>
  <?cs if:Page.OpenCount > 0 ?><tr class="open-row"><th scope="row"><?cs var:Lang.Planning.OpenShifts ?></th>
    <?cs each:d = Page.Days ?><?cs with:c = Page.Open.Days[name(d)] ?><td><?cs each:s = c.Shifts ?><?cs if:name(s) != "Count" ?><?cs call:shift(s) ?><?cs /if ?><?cs /each ?></td><?cs /with ?><?cs /each ?></tr><?cs /if ?>
  <?cs each:w = Page.Rows ?><tr><th scope="row"><?cs if:Page.MayKeepAvailability ?><a href="<?cs var:Page.Prefix ?>/planning/workers/<?cs var:w.Id ?>" title="<?cs var:Lang.Planning.Mine.AgencyTitle ?> <?cs var:w.Name ?>"><?cs var:w.Name ?></a><?cs else ?><?cs var:w.Name ?><?cs /if ?><br><span class="muted small"><?cs var:w.Positions ?></span></th>
    <?cs each:d = Page.Days ?><?cs with:c = w.Days[name(d)] ?><td class="avail-<?cs var:c.Avail ?>"><span class="avail"><?cs if:c.Avail == "some" ?><?cs each:x = c.Ranges ?><?cs if:name(x) != "Count" ?><?cs var:x ?> <?cs /if ?><?cs /each ?><?cs else ?><?cs var:Lang.Planning.Avail[c.Avail] ?><?cs /if ?></span><?cs each:s = c.Shifts ?><?cs if:name(s) != "Count" ?><?cs call:shift(s) ?><?cs /if ?><?cs /each ?><?cs if:Page.MayEdit ?><a class="add" href="<?cs var:Page.Prefix ?>/planning/shifts/new?view=<?cs var:Page.Unit.Id ?>&amp;worker=<?cs var:w.Id ?>&amp;date=<?cs var:d.Date ?>" aria-label="<?cs var:Lang.Planning.NewShiftFor ?> <?cs var:w.Name ?>, <?cs var:d.Date ?>">+</a><?cs /if ?></td><?cs /with ?><?cs /each ?></tr>
  <?cs /each ?>
  </tbody>
</table></div>
<?cs if:Page.RowCount == 0 ?><div class="panel"><p><?cs var:Lang.Planning.NoWorkers ?></p></div><?cs /if ?>
