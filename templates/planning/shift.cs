<?cs # shift.cs: planning a shift or changing one — who, where, which position, from when to when, the break — with what is refused and what is to be confirmed ?>
<?cs include:"partials/form.cs" ?>
<?cs def:title() ?><?cs if:Page.Shift.Id ?><?cs var:Lang.Planning.EditShift ?><?cs else ?><?cs var:Lang.Planning.NewShift ?><?cs /if ?><?cs /def ?>
<?cs def:err(name) ?><?cs if:Page.Errors[name] ?><p class="field-error" id="e-<?cs var:name ?>"><?cs var:Lang.Errors[Page.Errors[name]] ?></p><?cs /if ?><?cs /def ?>
<?cs def:content() ?>
<section class="panel panel-narrow">
  <h1><?cs if:Page.Shift.Id ?><?cs var:Lang.Planning.EditShift ?><?cs else ?><?cs var:Lang.Planning.NewShift ?><?cs /if ?></h1>
  <?cs call:form_summary() ?>
  <?cs if:Page.Shift.State == "published" || Page.Shift.State == "contracted" ?><div class="alert alert-info" role="status"><?cs var:Lang.Planning.ChangePublished ?></div><?cs /if ?>
  <?cs if:Page.Shift.State == "refused" ?><div class="alert alert-info" role="status"><?cs var:Lang.Planning.ChangeRefused ?></div><?cs /if ?>
  <?cs if:Page.Confirm ?><div class="alert alert-warn" role="alert"><p><?cs var:Lang.Planning.WarningsIntro ?></p>
    <ul><?cs each:w = Page.Warnings ?><li><?cs var:Lang.Planning.Warnings[name(w)] ?></li><?cs /each ?></ul></div><?cs /if ?>
  <form method="post" action="<?cs var:Page.Prefix ?>/planning/shifts<?cs if:Page.Shift.Id ?>/<?cs var:Page.Shift.Id ?><?cs /if ?>" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="view" value="<?cs var:Page.View ?>">
    <div class="field<?cs if:Page.Errors.unit ?> has-error<?cs /if ?>"><label for="f-unit"><?cs var:Lang.Planning.Unit ?></label>
      <select id="f-unit" name="unit"<?cs if:Page.Errors.unit ?> aria-invalid="true" aria-describedby="e-unit"<?cs /if ?>><?cs each:u = Page.Units ?><option value="<?cs var:u.Id ?>"<?cs if:u.Id == Page.Form.unit ?> selected<?cs /if ?>><?cs loop:i = 1, u.Depth, 1 ?>— <?cs /loop ?><?cs var:u.Name ?></option><?cs /each ?></select>
      <?cs call:err("unit") ?></div>
    <div class="field<?cs if:Page.Errors.worker ?> has-error<?cs /if ?>"><label for="f-worker"><?cs var:Lang.Planning.Worker ?></label>
      <select id="f-worker" name="worker"<?cs if:Page.Errors.worker ?> aria-invalid="true" aria-describedby="e-worker"<?cs /if ?>><option value=""><?cs var:Lang.Planning.OpenShift ?></option>
      <?cs each:w = Page.Workers ?><option value="<?cs var:w.Id ?>"<?cs if:w.Id == Page.Form.worker ?> selected<?cs /if ?>><?cs var:w.Name ?></option><?cs /each ?></select>
      <?cs call:err("worker") ?></div>
    <div class="field<?cs if:Page.Errors.position ?> has-error<?cs /if ?>"><label for="f-position"><?cs var:Lang.Planning.Position ?></label>
      <select id="f-position" name="position"<?cs if:Page.Errors.position ?> aria-invalid="true" aria-describedby="e-position"<?cs /if ?>><option value=""><?cs var:Lang.Planning.Choose ?></option>
      <?cs each:p = Page.Positions ?><option<?cs if:p.Name == Page.Form.position ?> selected<?cs /if ?>><?cs var:p.Name ?></option><?cs /each ?></select>
      <?cs call:err("position") ?></div>
    <p class="muted small"><?cs var:Lang.Planning.TimesIn ?> <?cs var:Page.Zone ?></p>
    <?cs call:field("start", Lang.Planning.Start, "datetime-local", "off", 1) ?>
    <?cs call:field("end", Lang.Planning.End, "datetime-local", "off", 1) ?>
    <?cs call:field("break", Lang.Planning.BreakMinutes, "number", "off", 1) ?>
    <?cs call:field("note", Lang.Planning.Note, "text", "off", 1) ?>
    <?cs if:!Page.Shift.Id ?><?cs call:field("repeat", Lang.Planning.RepeatUntil, "date", "off", 1) ?>
    <p class="muted small"><?cs var:Lang.Planning.RepeatHelp ?></p><?cs /if ?>
    <?cs if:Page.Confirm ?><div class="field"><label><input type="checkbox" name="confirm" value="1"> <?cs var:Lang.Planning.ConfirmWarnings ?></label></div><?cs /if ?>
    <div class="actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.Planning.Save ?></button>
      <a href="<?cs var:Page.Prefix ?>/planning/?unit=<?cs var:Page.View ?>"><?cs var:Lang.Planning.Cancel ?></a></div>
  </form>
  <?cs if:Page.Shift.Id ?>
  <form method="post" action="<?cs var:Page.Prefix ?>/planning/shifts/<?cs var:Page.Shift.Id ?>/delete" class="inline">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="view" value="<?cs var:Page.View ?>">
    <button type="submit" class="btn btn-danger"><?cs if:Page.Shift.State == "published" || Page.Shift.State == "contracted" ?><?cs var:Lang.Planning.CancelShift ?><?cs else ?><?cs var:Lang.Planning.Delete ?><?cs /if ?></button>
  </form>
  <?cs /if ?>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
