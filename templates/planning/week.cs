<?cs # week.cs: the week view of a unit — week navigation and the week's actions above the filters and the grid (grid.cs, rendered and kept apart: Page.Grid) ?>
<?cs def:title() ?><?cs var:Lang.Planning.Title ?> — <?cs var:Page.Unit.Name ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head"><h1><?cs var:Lang.Planning.Title ?> — <?cs var:Page.Unit.Name ?></h1>
  <?cs if:Page.MayKeepAvailability ?><a class="btn" href="<?cs var:Page.Prefix ?>/planning/workers"><?cs var:Lang.Planning.Workers.Title ?></a><?cs /if ?>
  <?cs if:Page.MayEdit ?><a class="btn btn-primary" href="<?cs var:Page.Prefix ?>/planning/shifts/new?view=<?cs var:Page.Unit.Id ?>&amp;date=<?cs var:Page.Week ?>"><?cs var:Lang.Planning.NewShift ?></a><?cs /if ?></div>
<?cs if:Page.Done ?><div class="alert alert-success" role="status"><?cs var:Lang.Planning.Done[Page.Done] ?><?cs if:Page.Done == "published" || Page.Done == "copied" ?> <?cs var:Page.Count ?><?cs /if ?><?cs if:Page.Done == "created" && Page.Count > 0 ?> <?cs var:Lang.Planning.Repeated ?> <?cs var:Page.Count ?><?cs /if ?><?cs if:(Page.Done == "copied" || Page.Done == "created") && Page.Skipped > 0 ?> <?cs var:Lang.Planning.CopySkipped ?> <?cs var:Page.Skipped ?><?cs /if ?></div><?cs /if ?>
<?cs if:Page.Done == "published" ?>
<section class="panel progress" aria-labelledby="progress-h" data-progress="<?cs var:Page.Prefix ?>/planning/progress?unit=<?cs var:Page.Unit.Id ?>&amp;week=<?cs var:Page.Week ?>">
  <h2 id="progress-h"><?cs var:Lang.Planning.Progress.Title ?></h2>
  <p role="status"><strong data-count="contracted"><?cs var:Page.Progress.Contracted ?></strong> <?cs var:Lang.Planning.Progress.Contracted ?> · <strong data-count="refused"><?cs var:Page.Progress.Refused ?></strong> <?cs var:Lang.Planning.Progress.Refused ?> · <strong data-count="waiting"><?cs var:Page.Progress.Waiting ?></strong> <?cs var:Lang.Planning.Progress.Waiting ?></p>
  <p class="muted small" data-progress-note data-live="<?cs var:Lang.Planning.Progress.Live ?>" data-finished="<?cs var:Lang.Planning.Progress.Finished ?>"><?cs if:Page.Progress.Waiting > 0 ?><?cs var:Lang.Planning.Progress.Reload ?><?cs else ?><?cs var:Lang.Planning.Progress.Finished ?><?cs /if ?></p>
</section>
<?cs /if ?>
<nav class="week-nav" aria-label="<?cs var:Lang.Planning.Weeks ?>">
  <a href="<?cs var:Page.Prefix ?>/planning/?unit=<?cs var:Page.Unit.Id ?>&amp;week=<?cs var:Page.PrevWeek ?>">&larr; <?cs var:Lang.Planning.PrevWeek ?></a>
  <strong><?cs var:Lang.Planning.Week ?> <?cs var:Page.WeekNo ?></strong>
  <a href="<?cs var:Page.Prefix ?>/planning/?unit=<?cs var:Page.Unit.Id ?>&amp;week=<?cs var:Page.NextWeek ?>"><?cs var:Lang.Planning.NextWeek ?> &rarr;</a>
</nav>
<p class="muted small"><?cs var:Lang.Planning.TimesIn ?> <?cs var:Page.Unit.Zone ?> · <a href="<?cs var:Page.Prefix ?>/planning/export.csv?unit=<?cs var:Page.Unit.Id ?>&amp;week=<?cs var:Page.Week ?>" download><?cs var:Lang.Planning.Export ?></a></p>
<?cs if:Page.MayEdit ?>
<div class="week-actions">
<form method="post" action="<?cs var:Page.Prefix ?>/planning/copy">
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <input type="hidden" name="unit" value="<?cs var:Page.Unit.Id ?>">
  <input type="hidden" name="week" value="<?cs var:Page.Week ?>">
  <button type="submit" class="btn"><?cs var:Lang.Planning.CopyWeek ?></button>
</form>
<?cs if:Page.PlannedCount > 0 ?>
<form method="post" action="<?cs var:Page.Prefix ?>/planning/publish">
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <input type="hidden" name="unit" value="<?cs var:Page.Unit.Id ?>">
  <input type="hidden" name="week" value="<?cs var:Page.Week ?>">
  <button type="submit" class="btn btn-primary" aria-describedby="publish-help"><?cs var:Lang.Planning.Publish ?> (<?cs var:Page.PlannedCount ?>)</button>
</form>
<?cs /if ?>
</div>
<?cs if:Page.PlannedCount > 0 ?><p class="muted small" id="publish-help"><?cs var:Lang.Planning.PublishHelp ?></p><?cs /if ?>
<?cs /if ?>
<?cs # Page.Grid is HTML that grid.cs rendered with this page's escaping (view_render_part in week.c, kept per process), never a value a user sent: printed as it is. ?>
<?cs uvar:Page.Grid ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
