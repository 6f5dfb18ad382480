<?cs # propose.cs: proposing a candidate for a vacancy — a temp worker or someone new, a CV and a proposal ?>
<?cs include:"partials/form.cs" ?>
<?cs def:title() ?><?cs var:Lang.Vacancies.Cand.Propose ?><?cs /def ?>
<?cs def:content() ?>
<section class="panel panel-narrow">
  <h1><?cs var:Lang.Vacancies.Cand.Propose ?></h1>
  <p><?cs var:Page.Vacancy.Title ?></p>
  <?cs if:Page.StateError ?><div class="alert alert-error" role="alert"><?cs var:Lang.Vacancies.Cand.Errors[Page.StateError] ?></div><?cs /if ?>
  <?cs call:form_summary() ?>
  <?cs if:Page.Vacancy.State == "open" || Page.Vacancy.State == "on_hold" ?>
  <form method="post" action="<?cs var:Page.Prefix ?>/vacancies/<?cs var:Page.Vacancy.Id ?>/candidates" enctype="multipart/form-data" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <fieldset><legend><?cs var:Lang.Vacancies.Cand.Existing ?></legend>
    <?cs call:field("worker", Lang.Vacancies.Cand.WorkerEmail, "email", "off", 1) ?>
    </fieldset>
    <fieldset><legend><?cs var:Lang.Vacancies.Cand.NewPerson ?></legend>
    <?cs call:field("name", Lang.Vacancies.Cand.Name, "text", "off", 1) ?>
    <?cs call:field("email", Lang.Vacancies.Cand.Email, "email", "off", 1) ?>
    <?cs if:Page.Fields.Mobile ?><?cs call:field("phone", Lang.Vacancies.Cand.Phone, "tel", "off", 1) ?><?cs /if ?>
    </fieldset>
    <div class="field<?cs if:Page.Errors.file ?> has-error<?cs /if ?>"><label for="f-file"><?cs var:Lang.Vacancies.Cand.Cv ?></label>
      <input id="f-file" name="file" type="file" accept=".pdf,.docx,.odt"<?cs if:Page.Errors.file ?> aria-invalid="true" aria-describedby="e-file"<?cs /if ?>>
      <?cs if:Page.Errors.file ?><p class="field-error" id="e-file"><?cs var:Lang.Errors[Page.Errors.file] ?></p><?cs /if ?>
      <p class="muted small"><?cs var:Lang.Vacancies.Cand.CvHelp ?></p></div>
    <div class="field<?cs if:Page.Errors.proposal ?> has-error<?cs /if ?>"><label for="f-proposal"><?cs var:Lang.Vacancies.Cand.Proposal ?></label>
      <textarea id="f-proposal" name="proposal" rows="8" maxlength="4000"<?cs if:Page.Errors.proposal ?> aria-invalid="true" aria-describedby="e-proposal"<?cs /if ?>><?cs var:Page.Form.proposal ?></textarea>
      <?cs if:Page.Errors.proposal ?><p class="field-error" id="e-proposal"><?cs var:Lang.Errors[Page.Errors.proposal] ?></p><?cs /if ?></div>
    <div class="field"><label><input type="checkbox" name="anonymised" value="1"<?cs if:Page.Form.anonymised == "1" ?> checked<?cs /if ?>> <?cs var:Lang.Vacancies.Cand.Anonymise ?></label>
      <p class="muted small"><?cs var:Lang.Vacancies.Cand.AnonymiseHelp ?></p></div>
    <div class="actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.Vacancies.Cand.Propose ?></button>
      <a href="<?cs var:Page.Prefix ?>/vacancies/<?cs var:Page.Vacancy.Id ?>"><?cs var:Lang.Vacancies.Cancel ?></a></div>
  </form>
  <?cs /if ?>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
