<?cs # retention.cs: retention types — how long, from when — and which document type follows which ?>
<?cs include:"partials/form.cs" ?>
<?cs def:title() ?><?cs var:Lang.Documents.Retention ?><?cs /def ?>
<?cs def:starts(name, value) ?>
<select name="<?cs var:name ?>" aria-label="<?cs var:Lang.Documents.Starts ?>"><?cs each:s = Page.Starts ?><option value="<?cs var:s ?>"<?cs if:s == value ?> selected<?cs /if ?>><?cs var:Lang.Documents.Start[s] ?></option><?cs /each ?></select>
<?cs /def ?>
<?cs def:content() ?>
<p><a href="<?cs var:Page.Prefix ?>/documents/">← <?cs var:Lang.Documents.Title ?></a></p>
<div class="page-head"><h1><?cs var:Lang.Documents.Retention ?></h1></div>
<?cs if:Page.Form.done ?><div class="alert alert-success" role="status"><?cs var:Lang.Documents.Saved ?></div><?cs /if ?>
<?cs call:form_summary() ?>
<section class="panel">
  <h2><?cs var:Lang.Documents.RetentionTypes ?></h2>
  <div class="table-wrap" tabindex="0"><table class="data">
    <thead><tr><th scope="col"><?cs var:Lang.Documents.Name ?></th><th scope="col"><?cs var:Lang.Documents.Days ?></th><th scope="col"><?cs var:Lang.Documents.Starts ?></th><th scope="col"><span class="visually-hidden"><?cs var:Lang.Documents.Actions ?></span></th></tr></thead>
    <tbody>
    <?cs each:t = Page.Retention ?>
    <tr><td colspan="4"><form method="post" action="<?cs var:Page.Prefix ?>/documents/retention/<?cs var:t.Id ?>" class="toolbar">
      <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
      <input type="text" name="name" value="<?cs var:t.Name ?>" aria-label="<?cs var:Lang.Documents.Name ?>" maxlength="100">
      <input type="number" name="days" value="<?cs var:t.Days ?>" min="1" max="36500" aria-label="<?cs var:Lang.Documents.Days ?>">
      <?cs call:starts("starts", t.Starts) ?>
      <button type="submit" class="btn"><?cs var:Lang.Documents.Save ?></button></form></td></tr>
    <?cs /each ?>
    </tbody>
  </table></div>
  <h3><?cs var:Lang.Documents.NewRetention ?></h3>
  <form method="post" action="<?cs var:Page.Prefix ?>/documents/retention" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <div class="grid-2"><?cs call:field("name", Lang.Documents.Name, "text", "off", 1) ?><?cs call:field("days", Lang.Documents.Days, "number", "off", 1) ?></div>
    <div class="field"><label for="f-starts"><?cs var:Lang.Documents.Starts ?></label><?cs call:starts("starts", Page.Form.starts) ?></div>
    <div class="actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.Documents.Add ?></button></div>
  </form>
</section>
<section class="panel">
  <h2><?cs var:Lang.Documents.TypesTitle ?></h2>
  <form method="post" action="<?cs var:Page.Prefix ?>/documents/retention/types">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <div class="table-wrap" tabindex="0"><table class="data">
      <thead><tr><th scope="col"><?cs var:Lang.Documents.Type ?></th><th scope="col"><?cs var:Lang.Documents.Retention ?></th></tr></thead>
      <tbody>
      <?cs each:m = Page.Mapping ?>
      <tr><td><?cs var:Lang.Documents.Types[m.Type] ?></td><td><select name="<?cs var:m.Type ?>" aria-label="<?cs var:Lang.Documents.Retention ?>: <?cs var:Lang.Documents.Types[m.Type] ?>"><?cs each:t = Page.Retention ?><option value="<?cs var:t.Id ?>"<?cs if:t.Id == m.Retention ?> selected<?cs /if ?>><?cs var:t.Name ?></option><?cs /each ?></select></td></tr>
      <?cs /each ?>
      </tbody>
    </table></div>
    <div class="actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.Documents.Save ?></button></div>
  </form>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
