<?cs # show.cs: a timesheet for those who decide on it or see it — the week against the planned shifts, approving or rejecting with a reason (timesheet.approve, while submitted), the agency's correction (approved), the versions sent ?>
<?cs include:"partials/date.cs" ?>
<?cs include:"partials/form.cs" ?>
<?cs include:"timesheets/days.cs" ?>
<?cs def:title() ?><?cs var:Page.Sheet.Worker ?> · <?cs var:Lang.Timesheets.WeekOf ?> <?cs call:datetext(Page.Sheet.Week) ?><?cs /def ?>
<?cs def:content() ?>
<p><a href="<?cs var:Page.Prefix ?>/timesheets/">← <?cs var:Lang.Timesheets.Title ?></a></p>
<h1><?cs call:title() ?> <span class="badge state-<?cs var:Page.Sheet.State ?>"><?cs var:Lang.Timesheets.States[Page.Sheet.State] ?></span></h1>
<p class="muted"><?cs if:Page.Sheet.Client ?><?cs var:Page.Sheet.Client ?> · <?cs /if ?><?cs var:Page.Sheet.Unit ?> · <?cs var:Page.Sheet.Position ?>
  <?cs if:Page.Sheet.SubmittedAt ?><br><?cs var:Lang.Timesheets.Sheet.SubmittedAt ?> <?cs var:Page.Sheet.SubmittedAt ?><?cs if:Page.Sheet.EnteredBy ?> (<?cs var:Lang.Timesheets.EnteredBy ?> <?cs var:Page.Sheet.EnteredBy ?>)<?cs /if ?><?cs /if ?>
  <?cs if:Page.Sheet.DecidedAt && Page.Sheet.State != "submitted" ?><br><?cs var:Lang.Timesheets.Sheet.DecidedAt ?> <?cs var:Page.Sheet.DecidedAt ?><?cs if:Page.Sheet.DecidedBy ?> · <?cs var:Page.Sheet.DecidedBy ?><?cs /if ?><?cs /if ?></p>
<?cs if:Page.Refused ?><div class="alert alert-error" role="alert"><?cs var:Lang.Timesheets.Refused[Page.Refused] ?></div>
<?cs elif:subcount(Page.Errors) > 0 ?><div class="alert alert-error" role="alert"><?cs var:Lang.Errors.Summary ?></div>
<?cs elif:Page.Done ?><div class="alert alert-success" role="status"><?cs var:Lang.Timesheets.Done[Page.Done] ?></div><?cs /if ?>
<?cs if:Page.Sheet.State == "rejected" && Page.Sheet.Reason ?><div class="alert alert-warn" role="status"><p><strong><?cs var:Lang.Timesheets.Sheet.RejectedBy ?></strong></p><p class="prewrap"><?cs var:Page.Sheet.Reason ?></p></div><?cs /if ?>
<?cs call:days() ?>
<?cs if:Page.MayDecide ?><div class="grid-2">
<section class="panel"><h2><?cs var:Lang.Timesheets.Decide.Approve ?></h2>
  <p class="muted small"><?cs var:Lang.Timesheets.Decide.ApproveHelp ?></p>
  <form method="post" action="<?cs var:Page.Prefix ?>/timesheets/<?cs var:Page.Sheet.Id ?>/approve"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <div class="actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.Timesheets.Decide.Approve ?></button></div></form></section>
<section class="panel"><h2><?cs var:Lang.Timesheets.Decide.Reject ?></h2>
  <form method="post" action="<?cs var:Page.Prefix ?>/timesheets/<?cs var:Page.Sheet.Id ?>/reject" novalidate><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <div class="field<?cs if:Page.Errors.reason ?> has-error<?cs /if ?>"><label for="f-reason"><?cs var:Lang.Timesheets.Decide.ReasonLabel ?></label>
    <textarea id="f-reason" name="reason" rows="3" maxlength="1000"<?cs if:Page.Errors.reason ?> aria-invalid="true" aria-describedby="e-reason"<?cs /if ?>><?cs var:Page.Form.reason ?></textarea>
    <?cs if:Page.Errors.reason ?><p class="field-error" id="e-reason"><?cs var:Lang.Errors[Page.Errors.reason] ?></p><?cs /if ?></div>
  <p class="muted small"><?cs var:Lang.Timesheets.Decide.RejectHelp ?></p>
  <div class="actions"><button type="submit" class="btn btn-danger"><?cs var:Lang.Timesheets.Decide.Reject ?></button></div></form></section>
</div><?cs /if ?>
<?cs if:Page.MayCorrect ?><p><a class="btn" href="<?cs var:Page.Prefix ?>/timesheets/<?cs var:Page.Sheet.Id ?>/correct"><?cs var:Lang.Timesheets.Correct.Link ?></a></p><?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
