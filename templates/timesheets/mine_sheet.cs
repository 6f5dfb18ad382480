<?cs # mine_sheet.cs: a temp worker's week — while it is his (draft, or rejected back to him) the form of its entries, saved as a draft or submitted; the week against his planned shifts below. For the agency (Page.OnBehalf) the same for a worker without a login. ?>
<?cs include:"partials/date.cs" ?>
<?cs include:"timesheets/rows.cs" ?>
<?cs include:"timesheets/days.cs" ?>
<?cs def:title() ?><?cs var:Lang.Timesheets.WeekOf ?> <?cs call:datetext(Page.Sheet.Week) ?><?cs /def ?>
<?cs def:content() ?>
<p><a href="<?cs var:Page.Prefix ?><?cs var:Page.Base ?>">← <?cs if:Page.OnBehalf ?><?cs var:Page.Worker.Name ?><?cs else ?><?cs var:Lang.Timesheets.Sheet.Back ?><?cs /if ?></a></p>
<h1><?cs call:title() ?> <span class="badge state-<?cs var:Page.Sheet.State ?>"><?cs var:Lang.Timesheets.States[Page.Sheet.State] ?></span></h1>
<p class="muted"><?cs if:Page.Sheet.Client ?><?cs var:Page.Sheet.Client ?> · <?cs /if ?><?cs var:Page.Sheet.Unit ?> · <?cs var:Page.Sheet.Position ?><?cs if:Page.OnBehalf ?> · <?cs var:Page.Sheet.Worker ?><?cs /if ?></p>
<?cs if:Page.Refused ?><div class="alert alert-error" role="alert"><?cs var:Lang.Timesheets.Refused[Page.Refused] ?></div>
<?cs elif:subcount(Page.Errors) > 0 ?><div class="alert alert-error" role="alert"><?cs var:Lang.Errors.Summary ?></div>
<?cs elif:Page.Done ?><div class="alert alert-success" role="status"><?cs var:Lang.Timesheets.Done[Page.Done] ?></div><?cs /if ?>
<?cs if:Page.Sheet.Reason && (Page.Sheet.State == "rejected" || Page.Sheet.State == "draft") ?><div class="alert alert-warn" role="status"><p><strong><?cs var:Lang.Timesheets.Sheet.Rejected ?></strong></p><p class="prewrap"><?cs var:Page.Sheet.Reason ?></p></div><?cs /if ?>
<?cs if:Page.Editable ?>
<form method="post" action="<?cs var:Page.Prefix ?><?cs var:Page.Base ?>/<?cs var:Page.Sheet.Id ?>" class="sheet-form" novalidate>
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <?cs call:rows() ?>
  <p class="muted small"><?cs var:Lang.Timesheets.Sheet.SubmitHelp ?></p>
  <div class="actions thumb-bar"><button type="submit" class="btn"><?cs var:Lang.Timesheets.Sheet.Save ?></button>
    <button type="submit" name="submit" value="1" class="btn btn-primary"><?cs var:Lang.Timesheets.Sheet.Submit ?></button></div>
</form>
<?cs else ?><div class="alert alert-info" role="status"><?cs var:Lang.Timesheets.Sheet.Locked ?></div><?cs /if ?>
<h2><?cs var:Lang.Timesheets.Sheet.Overview ?></h2>
<?cs call:days() ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
