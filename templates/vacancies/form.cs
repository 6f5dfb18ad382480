<?cs # form.cs: a new vacancy, or the fields of one being edited ?>
<?cs include:"partials/form.cs" ?>
<?cs def:title() ?><?cs if:Page.Id ?><?cs var:Lang.Vacancies.Edit ?><?cs else ?><?cs var:Lang.Vacancies.New ?><?cs /if ?><?cs /def ?>
<?cs def:errmsg(name) ?><?cs if:Page.Errors[name] ?><p class="field-error" id="e-<?cs var:name ?>"><?cs var:Lang.Errors[Page.Errors[name]] ?></p><?cs /if ?><?cs /def ?>
<?cs def:content() ?>
<section class="panel panel-narrow">
  <h1><?cs if:Page.Id ?><?cs var:Lang.Vacancies.Edit ?><?cs else ?><?cs var:Lang.Vacancies.New ?><?cs /if ?></h1>
  <?cs call:form_summary() ?>
  <form method="post" action="<?cs var:Page.Prefix ?>/vacancies/<?cs if:Page.Id ?><?cs var:Page.Id ?>/edit<?cs /if ?>" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <div class="field<?cs if:Page.Errors.unit ?> has-error<?cs /if ?>"><label for="f-unit"><?cs var:Lang.Vacancies.Unit ?></label>
      <select id="f-unit" name="unit"<?cs if:Page.Errors.unit ?> aria-invalid="true" aria-describedby="e-unit"<?cs /if ?>><?cs each:u = Page.Units ?><option value="<?cs var:u.Id ?>"<?cs if:u.Id == Page.Form.unit ?> selected<?cs /if ?>><?cs loop:i = 1, u.Depth, 1 ?>— <?cs /loop ?><?cs var:u.Name ?></option><?cs /each ?></select>
      <?cs call:errmsg("unit") ?></div>
    <?cs call:field("title", Lang.Vacancies.VacancyTitle, "text", "off", 1) ?>
    <?cs call:field("position", Lang.Vacancies.Position, "text", "off", 1) ?>
    <div class="field<?cs if:Page.Errors.description ?> has-error<?cs /if ?>"><label for="f-description"><?cs var:Lang.Vacancies.Description ?></label>
      <textarea id="f-description" name="description" rows="8"<?cs if:Page.Errors.description ?> aria-invalid="true" aria-describedby="e-description"<?cs /if ?>><?cs var:Page.Form.description ?></textarea>
      <?cs call:errmsg("description") ?></div>
    <?cs call:field("work_location", Lang.Vacancies.Location, "text", "off", 1) ?>
    <?cs call:field("hours", Lang.Vacancies.Hours, "text", "off", 1) ?>
    <div class="field<?cs if:Page.Errors.shift ?> has-error<?cs /if ?>"><label for="f-shift"><?cs var:Lang.Vacancies.Shift ?></label>
      <select id="f-shift" name="shift"<?cs if:Page.Errors.shift ?> aria-invalid="true" aria-describedby="e-shift"<?cs /if ?>><?cs each:s = Page.Shifts ?><option value="<?cs var:s ?>"<?cs if:s == Page.Form.shift ?> selected<?cs /if ?>><?cs var:Lang.Vacancies.Shifts[s] ?></option><?cs /each ?></select>
      <?cs call:errmsg("shift") ?></div>
    <?cs call:field("start", Lang.Vacancies.Start, "date", "off", 1) ?>
    <?cs call:field("end", Lang.Vacancies.End, "date", "off", 1) ?>
    <?cs call:field("positions", Lang.Vacancies.Positions, "number", "off", 1) ?>
    <?cs call:field("skills", Lang.Vacancies.Skills, "text", "off", 1) ?>
    <?cs call:field("languages", Lang.Vacancies.Languages, "text", "off", 1) ?>
    <div class="actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.Vacancies.Save ?></button>
      <a href="<?cs var:Page.Prefix ?>/vacancies/<?cs if:Page.Id ?><?cs var:Page.Id ?><?cs /if ?>"><?cs var:Lang.Vacancies.Cancel ?></a></div>
  </form>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
