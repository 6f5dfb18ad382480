<?cs # week.cs: the week view of a unit — a row per worker of its pool, a column per day; each cell the worker's availability and shifts, open shifts on a row of their own ?>
<?cs include:"partials/form.cs" ?>
<?cs def:title() ?><?cs var:Lang.Planning.Title ?> — <?cs var:Page.Unit.Name ?><?cs /def ?>
<?cs def:shift(s) ?><?cs if:s.Elsewhere ?><span class="shift elsewhere" title="<?cs var:Lang.Planning.Elsewhere ?>"><?cs var:s.Start ?>–<?cs var:s.End ?> <?cs var:Lang.Planning.Busy ?></span><?cs else ?><span class="shift state-<?cs var:s.State ?>"><?cs if:s.MayEdit ?><a href="<?cs var:Page.Prefix ?>/planning/shifts/<?cs var:s.Id ?>/edit?view=<?cs var:Page.Unit.Id ?>"><?cs var:s.Start ?>–<?cs var:s.End ?></a><?cs else ?><?cs var:s.Start ?>–<?cs var:s.End ?><?cs /if ?> <span class="small"><?cs var:s.Position ?></span><?cs if:s.State != "planned" ?> <span class="small muted"><?cs var:Lang.Planning.States[s.State] ?></span><?cs /if ?><?cs each:v = s.Rules ?> <span class="small rule"><?cs var:Lang.Planning.Rules[v] ?></span><?cs /each ?></span><?cs /if ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head"><h1><?cs var:Lang.Planning.Title ?> — <?cs var:Page.Unit.Name ?></h1>
  <?cs if:Page.MayEdit ?><a class="btn btn-primary" href="<?cs var:Page.Prefix ?>/planning/shifts/new?view=<?cs var:Page.Unit.Id ?>&amp;date=<?cs var:Page.Week ?>"><?cs var:Lang.Planning.NewShift ?></a><?cs /if ?></div>
<?cs if:Page.Done ?><div class="alert alert-success" role="status"><?cs var:Lang.Planning.Done[Page.Done] ?><?cs if:Page.Done == "published" || Page.Done == "copied" ?> <?cs var:Page.Count ?><?cs /if ?><?cs if:Page.Done == "created" && Page.Count > 0 ?> <?cs var:Lang.Planning.Repeated ?> <?cs var:Page.Count ?><?cs /if ?><?cs if:(Page.Done == "copied" || Page.Done == "created") && Page.Skipped > 0 ?> <?cs var:Lang.Planning.CopySkipped ?> <?cs var:Page.Skipped ?><?cs /if ?></div><?cs /if ?>
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
<nav class="week-nav" aria-label="<?cs var:Lang.Planning.Weeks ?>">
  <a href="<?cs var:Page.Prefix ?>/planning/?unit=<?cs var:Page.Unit.Id ?>&amp;week=<?cs var:Page.PrevWeek ?>">&larr; <?cs var:Lang.Planning.PrevWeek ?></a>
  <strong><?cs var:Lang.Planning.Week ?> <?cs var:Page.WeekNo ?></strong>
  <a href="<?cs var:Page.Prefix ?>/planning/?unit=<?cs var:Page.Unit.Id ?>&amp;week=<?cs var:Page.NextWeek ?>"><?cs var:Lang.Planning.NextWeek ?> &rarr;</a>
</nav>
<p class="muted small"><?cs var:Lang.Planning.TimesIn ?> <?cs var:Page.Unit.Zone ?> · <a href="<?cs var:Page.Prefix ?>/planning/export.csv?unit=<?cs var:Page.Unit.Id ?>&amp;week=<?cs var:Page.Week ?>" download><?cs var:Lang.Planning.Export ?></a></p>
<?cs if:Page.MayEdit ?>
<form method="post" action="<?cs var:Page.Prefix ?>/planning/copy" class="inline">
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <input type="hidden" name="unit" value="<?cs var:Page.Unit.Id ?>">
  <input type="hidden" name="week" value="<?cs var:Page.Week ?>">
  <button type="submit" class="btn"><?cs var:Lang.Planning.CopyWeek ?></button>
</form>
<?cs /if ?>
<?cs if:Page.MayEdit && Page.PlannedCount > 0 ?>
<form method="post" action="<?cs var:Page.Prefix ?>/planning/publish" class="inline">
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <input type="hidden" name="unit" value="<?cs var:Page.Unit.Id ?>">
  <input type="hidden" name="week" value="<?cs var:Page.Week ?>">
  <button type="submit" class="btn btn-primary"><?cs var:Lang.Planning.Publish ?> (<?cs var:Page.PlannedCount ?>)</button>
  <span class="muted small"><?cs var:Lang.Planning.PublishHelp ?></span>
</form>
<?cs /if ?>
<div class="table-wrap" tabindex="0"><table class="data week">
  <caption class="visually-hidden"><?cs var:Lang.Planning.Title ?> <?cs var:Lang.Planning.Week ?> <?cs var:Page.WeekNo ?></caption>
  <thead><tr><th scope="col"><?cs var:Lang.Planning.Worker ?></th><?cs each:d = Page.Days ?><th scope="col"<?cs if:d.Today ?> class="today"<?cs /if ?>><?cs var:Lang.Planning.Day[d.Name] ?> <?cs var:d.Short ?></th><?cs /each ?></tr></thead>
  <tbody>
  <?cs if:Page.OpenCount > 0 ?><tr class="open-row"><th scope="row"><?cs var:Lang.Planning.OpenShifts ?></th>
    <?cs each:d = Page.Days ?><?cs with:c = Page.Open.Days[name(d)] ?><td><?cs each:s = c.Shifts ?><?cs if:name(s) != "Count" ?><?cs call:shift(s) ?><?cs /if ?><?cs /each ?></td><?cs /with ?><?cs /each ?></tr><?cs /if ?>
  <?cs each:w = Page.Rows ?><tr><th scope="row"><?cs var:w.Name ?><br><span class="muted small"><?cs var:w.Positions ?></span></th>
    <?cs each:d = Page.Days ?><?cs with:c = w.Days[name(d)] ?><td class="avail-<?cs var:c.Avail ?>">
      <span class="avail"><?cs if:c.Avail == "some" ?><?cs each:x = c.Ranges ?><?cs if:name(x) != "Count" ?><?cs var:x ?> <?cs /if ?><?cs /each ?><?cs else ?><?cs var:Lang.Planning.Avail[c.Avail] ?><?cs /if ?></span>
      <?cs each:s = c.Shifts ?><?cs if:name(s) != "Count" ?><?cs call:shift(s) ?><?cs /if ?><?cs /each ?>
      <?cs if:Page.MayEdit ?><a class="add" href="<?cs var:Page.Prefix ?>/planning/shifts/new?view=<?cs var:Page.Unit.Id ?>&amp;worker=<?cs var:w.Id ?>&amp;date=<?cs var:d.Date ?>" aria-label="<?cs var:Lang.Planning.NewShiftFor ?> <?cs var:w.Name ?>, <?cs var:d.Date ?>">+</a><?cs /if ?></td><?cs /with ?><?cs /each ?></tr>
  <?cs /each ?>
  </tbody>
</table></div>
<?cs if:subcount(Page.Rows) == 0 ?><div class="panel"><p><?cs var:Lang.Planning.NoWorkers ?></p></div><?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
