<?cs # mine.cs: a temp worker's weeks — those his contracted shifts make that have no timesheet yet, to fill in, and his timesheets with their state; for the agency (Page.OnBehalf) the same of a worker without a login ?>
<?cs include:"partials/date.cs" ?>
<?cs def:title() ?><?cs if:Page.OnBehalf ?><?cs var:Lang.Timesheets.Mine.AgencyTitle ?> <?cs var:Page.Worker.Name ?><?cs else ?><?cs var:Lang.Timesheets.Mine.Title ?><?cs /if ?><?cs /def ?>
<?cs def:content() ?>
<h1><?cs call:title() ?></h1>
<?cs if:Page.Refused ?><div class="alert alert-error" role="alert"><?cs var:Lang.Timesheets.Refused[Page.Refused] ?></div>
<?cs elif:Page.Done ?><div class="alert alert-success" role="status"><?cs var:Lang.Timesheets.Done[Page.Done] ?></div><?cs /if ?>
<p class="muted"><?cs if:Page.OnBehalf ?><?cs var:Lang.Timesheets.Mine.AgencyHelp ?> <a href="<?cs var:Page.Prefix ?>/timesheets/workers"><?cs var:Lang.Timesheets.Workers.Title ?></a><?cs else ?><?cs var:Lang.Timesheets.Mine.Help ?><?cs /if ?></p>
<section class="panel">
<h2><?cs var:Lang.Timesheets.Mine.ToOpen ?></h2>
<?cs if:subcount(Page.ToOpen) > 0 ?>
<p class="muted small"><?cs var:Lang.Timesheets.Mine.ToOpenHelp ?></p>
<ul class="plain to-open"><?cs each:o = Page.ToOpen ?><li><form method="post" action="<?cs var:Page.Prefix ?><?cs var:Page.Base ?>/open" class="inline">
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><input type="hidden" name="unit" value="<?cs var:o.Unit ?>"><input type="hidden" name="position" value="<?cs var:o.Position ?>"><input type="hidden" name="week" value="<?cs var:o.Week ?>">
  <span><strong><?cs var:Lang.Timesheets.WeekOf ?> <?cs call:date(o.Week) ?></strong> · <?cs if:o.Client ?><?cs var:o.Client ?> · <?cs /if ?><?cs var:o.UnitName ?> · <?cs var:o.Position ?></span>
  <button type="submit" class="btn btn-primary"><?cs var:Lang.Timesheets.Mine.Open ?></button></form></li><?cs /each ?></ul>
<?cs else ?><p class="muted"><?cs var:Lang.Timesheets.Mine.NoneToOpen ?></p><?cs /if ?>
</section>
<section class="panel">
<h2><?cs var:Lang.Timesheets.Mine.Weeks ?></h2>
<?cs if:subcount(Page.Sheets) > 0 ?>
<ul class="plain sheets"><?cs each:s = Page.Sheets ?><li><a href="<?cs var:Page.Prefix ?><?cs var:Page.Base ?>/<?cs var:s.Id ?>"><strong><?cs var:Lang.Timesheets.WeekOf ?> <?cs call:date(s.Week) ?></strong></a>
  <span class="badge state-<?cs var:s.State ?>"><?cs var:Lang.Timesheets.States[s.State] ?></span><br>
  <span class="muted small"><?cs if:s.Client ?><?cs var:s.Client ?> · <?cs /if ?><?cs var:s.Unit ?> · <?cs var:s.Position ?> · <?cs var:s.Hours ?>:<?cs var:s.Minutes ?> <?cs var:Lang.Timesheets.HoursShort ?></span>
  <?cs if:s.State == "rejected" && s.Reason ?><br><span class="small"><?cs var:Lang.Timesheets.Sheet.Rejected ?> <?cs var:s.Reason ?></span><?cs /if ?></li><?cs /each ?></ul>
<?cs else ?><p class="muted"><?cs var:Lang.Timesheets.Mine.None ?></p><?cs /if ?>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
