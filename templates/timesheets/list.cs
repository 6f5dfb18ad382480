<?cs # list.cs: the weeks that left the workers' hands in the user's part of the organisation — filters, a count per state, the rows (Page.Rows, written in approve.c) with boxes to approve a selection, the export of a week's approved hours ?>
<?cs include:"partials/form.cs" ?>
<?cs def:title() ?><?cs var:Lang.Timesheets.Title ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head"><h1><?cs var:Lang.Timesheets.Title ?></h1>
  <?cs if:Page.MayEnter ?><a class="btn" href="<?cs var:Page.Prefix ?>/timesheets/workers"><?cs var:Lang.Timesheets.Workers.Title ?></a><?cs /if ?></div>
<?cs if:Page.Done == "approved_many" ?><div class="alert alert-success" role="status"><?cs var:Lang.Timesheets.Done.approved_many ?> <?cs var:Page.DoneCount ?></div>
<?cs if:Page.Upto ?>
<section class="panel progress" aria-labelledby="progress-h" data-progress="<?cs var:Page.Prefix ?>/timesheets/progress?after=<?cs var:Page.After ?>&amp;upto=<?cs var:Page.Upto ?>">
  <h2 id="progress-h"><?cs var:Lang.Timesheets.Progress.Title ?></h2>
  <p role="status"><strong data-count="delivered"><?cs var:Page.Progress.Delivered ?></strong> <?cs var:Lang.Timesheets.Progress.Delivered ?> · <strong data-count="refused"><?cs var:Page.Progress.Refused ?></strong> <?cs var:Lang.Timesheets.Progress.Refused ?> · <strong data-count="waiting"><?cs var:Page.Progress.Waiting ?></strong> <?cs var:Lang.Timesheets.Progress.Waiting ?></p>
  <p class="muted small" data-progress-note data-live="<?cs var:Lang.Timesheets.Progress.Live ?>" data-finished="<?cs var:Lang.Timesheets.Progress.Finished ?>"><?cs if:Page.Progress.Waiting > 0 ?><?cs var:Lang.Timesheets.Progress.Reload ?><?cs else ?><?cs var:Lang.Timesheets.Progress.Finished ?><?cs /if ?></p>
</section>
<?cs /if ?>
<?cs elif:Page.Done == "none" ?><div class="alert alert-warn" role="alert"><?cs var:Lang.Timesheets.Done.none ?></div>
<?cs elif:Page.Done ?><div class="alert alert-success" role="status"><?cs var:Lang.Timesheets.Done[Page.Done] ?></div><?cs /if ?>
<form method="get" action="<?cs var:Page.Prefix ?>/timesheets/" class="toolbar">
  <?cs call:field("week", Lang.Timesheets.WeekOf, "date", "off", 1) ?>
  <?cs if:subcount(Page.Units) > 1 ?><div class="field"><label for="f-unit"><?cs var:Lang.Timesheets.Unit ?></label>
    <select id="f-unit" name="unit"><option value=""><?cs var:Lang.Timesheets.States.all ?></option>
    <?cs each:u = Page.Units ?><option value="<?cs var:u.Id ?>"<?cs if:u.Id == Page.Form.unit ?> selected<?cs /if ?>><?cs loop:i = 1, u.Depth, 1 ?>— <?cs /loop ?><?cs var:u.Name ?></option><?cs /each ?></select></div><?cs /if ?>
  <div class="field"><label for="f-state"><?cs var:Lang.Timesheets.State ?></label>
    <select id="f-state" name="state"><?cs each:s = Page.States ?><option value="<?cs var:s ?>"<?cs if:s == Page.Form.state ?> selected<?cs /if ?>><?cs var:Lang.Timesheets.States[s] ?></option><?cs /each ?></select></div>
  <?cs call:field("q", Lang.Timesheets.Worker, "search", "off", 1) ?>
  <div class="actions"><button type="submit" class="btn"><?cs var:Lang.Timesheets.Filter ?></button></div>
  <?cs if:Page.Errors.unit ?><p class="field-error" id="e-unit"><?cs var:Lang.Errors[Page.Errors.unit] ?></p><?cs /if ?>
</form>
<p class="muted small"><?cs if:Page.ListWeeks ?><?cs var:Lang.Timesheets.ListWeeks ?> <?cs var:Page.ListWeeks ?> <?cs var:Lang.Timesheets.ListWeeksUnit ?> · <?cs /if ?><?cs each:s = Page.States ?><?cs if:s != "all" ?><span class="nowrap"><?cs var:Lang.Timesheets.States[s] ?>: <strong><?cs alt:Page.Counts[s] ?>0<?cs /alt ?></strong></span> · <?cs /if ?><?cs /each ?><?cs var:Lang.Timesheets.Shown ?>: <?cs var:Page.Shown ?></p>
<?cs if:Page.Total > Page.Shown ?><div class="alert alert-info" role="status"><?cs var:Lang.Timesheets.More ?></div><?cs /if ?>
<?cs if:Page.Shown > 0 ?>
<form method="post" action="<?cs var:Page.Prefix ?>/timesheets/approve">
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<input type="hidden" name="back" value="/timesheets/?<?cs var:Page.Query ?>">
<div class="table-wrap" tabindex="0"><table class="data">
  <thead><tr><th scope="col"><span class="visually-hidden"><?cs var:Lang.Timesheets.Select ?></span></th><th scope="col"><?cs var:Lang.Timesheets.Worker ?></th><th scope="col"><?cs var:Lang.Timesheets.Week ?></th><th scope="col"><?cs var:Lang.Timesheets.Unit ?></th><th scope="col" class="num"><?cs var:Lang.Timesheets.Hours ?></th><th scope="col"><?cs var:Lang.Timesheets.State ?></th></tr></thead>
  <tbody>
<?cs # Page.Rows is HTML that approve.c wrote, every value escaped as this template escapes: printed as it is. ?>
<?cs uvar:Page.Rows ?>
  </tbody>
</table></div>
<?cs if:Page.MayApprove ?><div class="actions"><span data-all="sheet" data-label="<?cs var:Lang.Timesheets.SelectAll ?>"></span> <button type="submit" class="btn btn-primary"><?cs var:Lang.Timesheets.ApproveSelected ?></button></div><?cs /if ?>
</form>
<?cs else ?>
<div class="panel"><p><?cs var:Lang.Timesheets.None ?></p></div>
<?cs /if ?>
<section class="panel">
<h2><?cs var:Lang.Timesheets.Export.Title ?></h2>
<?cs if:Page.MayExport ?><p><a class="btn" href="<?cs var:Page.Prefix ?>/timesheets/export.xlsx?week=<?cs var:Page.Form.week ?><?cs if:Page.Unit ?>&amp;unit=<?cs var:Page.Unit ?><?cs /if ?>"><?cs var:Lang.Timesheets.Export.Xlsx ?></a>
  <a class="btn" href="<?cs var:Page.Prefix ?>/timesheets/export.csv?week=<?cs var:Page.Form.week ?><?cs if:Page.Unit ?>&amp;unit=<?cs var:Page.Unit ?><?cs /if ?>"><?cs var:Lang.Timesheets.Export.Csv ?></a></p>
<?cs else ?><p class="muted"><?cs var:Lang.Timesheets.Export.Help ?></p><?cs /if ?>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
