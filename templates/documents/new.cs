<?cs # new.cs: uploading a document ?>
<?cs include:"partials/form.cs" ?>
<?cs def:title() ?><?cs var:Lang.Documents.Upload ?><?cs /def ?>
<?cs def:content() ?>
<section class="panel panel-narrow">
  <h1><?cs var:Lang.Documents.Upload ?></h1>
  <?cs call:form_summary() ?>
  <form method="post" action="<?cs var:Page.Prefix ?>/documents/" enctype="multipart/form-data" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <div class="field<?cs if:Page.Errors.type ?> has-error<?cs /if ?>"><label for="f-type"><?cs var:Lang.Documents.Type ?></label>
      <select id="f-type" name="type"<?cs if:Page.Errors.type ?> aria-invalid="true" aria-describedby="e-type"<?cs /if ?>><?cs each:t = Page.Types ?><option value="<?cs var:t ?>"<?cs if:t == Page.Form.type ?> selected<?cs /if ?>><?cs var:Lang.Documents.Types[t] ?></option><?cs /each ?></select>
      <?cs if:Page.Errors.type ?><p class="field-error" id="e-type"><?cs var:Lang.Errors[Page.Errors.type] ?></p><?cs /if ?></div>
    <?cs call:field("title", Lang.Documents.DocTitle, "text", "off", 1) ?>
    <div class="field<?cs if:Page.Errors.unit ?> has-error<?cs /if ?>"><label for="f-unit"><?cs var:Lang.Documents.Unit ?></label>
      <select id="f-unit" name="unit"<?cs if:Page.Errors.unit ?> aria-invalid="true" aria-describedby="e-unit"<?cs /if ?>><?cs each:u = Page.Units ?><option value="<?cs var:u.Id ?>"<?cs if:u.Id == Page.Form.unit ?> selected<?cs /if ?>><?cs loop:i = 1, u.Depth, 1 ?>— <?cs /loop ?><?cs var:u.Name ?></option><?cs /each ?></select>
      <?cs if:Page.Errors.unit ?><p class="field-error" id="e-unit"><?cs var:Lang.Errors[Page.Errors.unit] ?></p><?cs /if ?></div>
    <?cs call:field("person", Lang.Documents.PersonEmail, "email", "off", 1) ?>
    <div class="field<?cs if:Page.Errors.file ?> has-error<?cs /if ?>"><label for="f-file"><?cs var:Lang.Documents.File ?></label>
      <input id="f-file" name="file" type="file"<?cs if:Page.Errors.file ?> aria-invalid="true" aria-describedby="e-file"<?cs /if ?>>
      <?cs if:Page.Errors.file ?><p class="field-error" id="e-file"><?cs var:Lang.Errors[Page.Errors.file] ?></p><?cs /if ?>
      <p class="muted small"><?cs var:Lang.Documents.FileHelp ?></p></div>
    <div class="actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.Documents.Upload ?></button>
      <a href="<?cs var:Page.Prefix ?>/documents/"><?cs var:Lang.Documents.Cancel ?></a></div>
  </form>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
