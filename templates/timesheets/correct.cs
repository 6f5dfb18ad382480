<?cs # correct.cs: the agency's correction of an approved week — its entries and the reason; saved, it is a new version to the back-office, the earlier one kept in the history ?>
<?cs include:"partials/date.cs" ?>
<?cs include:"timesheets/rows.cs" ?>
<?cs include:"timesheets/days.cs" ?>
<?cs def:title() ?><?cs var:Lang.Timesheets.Correct.Title ?> · <?cs var:Page.Sheet.Worker ?> · <?cs call:datetext(Page.Sheet.Week) ?><?cs /def ?>
<?cs def:content() ?>
<p><a href="<?cs var:Page.Prefix ?>/timesheets/<?cs var:Page.Sheet.Id ?>">← <?cs var:Page.Sheet.Worker ?> · <?cs var:Lang.Timesheets.WeekOf ?> <?cs call:date(Page.Sheet.Week) ?></a></p>
<h1><?cs var:Lang.Timesheets.Correct.Title ?></h1>
<p class="muted"><?cs var:Page.Sheet.Worker ?> · <?cs if:Page.Sheet.Client ?><?cs var:Page.Sheet.Client ?> · <?cs /if ?><?cs var:Page.Sheet.Unit ?> · <?cs var:Page.Sheet.Position ?> · <?cs var:Lang.Timesheets.History.Version ?> <?cs var:Page.Sheet.Version ?></p>
<?cs if:Page.Refused ?><div class="alert alert-error" role="alert"><?cs var:Lang.Timesheets.Refused[Page.Refused] ?></div>
<?cs elif:subcount(Page.Errors) > 0 ?><div class="alert alert-error" role="alert"><?cs var:Lang.Errors.Summary ?></div><?cs /if ?>
<p class="muted small"><?cs var:Lang.Timesheets.Correct.Help ?></p>
<form method="post" action="<?cs var:Page.Prefix ?>/timesheets/<?cs var:Page.Sheet.Id ?>/correct" novalidate>
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <?cs call:rows() ?>
  <div class="field<?cs if:Page.Errors.reason ?> has-error<?cs /if ?>"><label for="f-reason"><?cs var:Lang.Timesheets.Correct.ReasonLabel ?></label>
    <textarea id="f-reason" name="reason" rows="3" maxlength="1000"<?cs if:Page.Errors.reason ?> aria-invalid="true" aria-describedby="e-reason"<?cs /if ?>><?cs var:Page.Form.reason ?></textarea>
    <?cs if:Page.Errors.reason ?><p class="field-error" id="e-reason"><?cs var:Lang.Errors[Page.Errors.reason] ?></p><?cs /if ?></div>
  <div class="actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.Timesheets.Correct.Save ?></button></div>
</form>
<h2><?cs var:Lang.Timesheets.Sheet.Overview ?></h2>
<?cs call:days() ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
