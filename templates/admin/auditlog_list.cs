<?cs # auditlog_list.cs: the audit log, newest first, with filters, pages and a CSV export ?>
<?cs include:"partials/form.cs" ?>
<?cs include:"admin/select.cs" ?>
<?cs def:title() ?><?cs var:Lang.Admin.Audit.Title ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head">
  <h1><?cs var:Lang.Admin.Audit.Title ?></h1>
  <?cs if:subcount(Page.Errors) == 0 ?><a class="btn" href="<?cs var:Page.Prefix ?>/admin/audit/export<?cs if:Page.Export ?>?<?cs var:Page.Export ?><?cs /if ?>" download><?cs var:Lang.Admin.Audit.Export ?></a><?cs /if ?>
</div>
<?cs call:form_summary() ?>
<form method="get" action="<?cs var:Page.Prefix ?>/admin/audit" class="toolbar" role="search">
  <?cs call:field("actor", Lang.Admin.Audit.ActorId, "number", "off", 1) ?>
  <?cs call:select_open("action", Lang.Admin.Audit.Action) ?>
    <option value=""><?cs var:Lang.Admin.Any ?></option>
    <?cs each:a = Page.ActionChoices ?><?cs call:option(a.Name, a.Name, Page.Form.action) ?><?cs /each ?>
  <?cs call:select_close("action") ?>
  <?cs call:field("type", Lang.Admin.Audit.Type, "text", "off", 1) ?>
  <?cs call:field("object", Lang.Admin.Audit.ObjectId, "number", "off", 1) ?>
  <?cs call:field("from", Lang.Admin.Audit.From, "date", "off", 1) ?>
  <?cs call:field("to", Lang.Admin.Audit.To, "date", "off", 1) ?>
  <button type="submit" class="btn"><?cs var:Lang.Admin.Filter ?></button>
  <a href="<?cs var:Page.Prefix ?>/admin/audit"><?cs var:Lang.Admin.Reset ?></a>
</form>
<?cs if:subcount(Page.Rows) > 0 ?>
<p class="muted small"><?cs var:Lang.Admin.Found ?> <?cs var:Page.Pager.Total ?>. <?cs var:Lang.Admin.Audit.Utc ?></p>
<div class="table-wrap" tabindex="0"><table class="data">
  <caption class="visually-hidden"><?cs var:Lang.Admin.Audit.Title ?></caption>
  <thead><tr><th scope="col"><?cs var:Lang.Admin.Audit.Col.At ?></th><th scope="col"><?cs var:Lang.Admin.Audit.Col.Actor ?></th><th scope="col"><?cs var:Lang.Admin.Audit.Col.Action ?></th><th scope="col"><?cs var:Lang.Admin.Audit.Col.Type ?></th><th scope="col"><?cs var:Lang.Admin.Audit.Col.Ip ?></th><th scope="col"><?cs var:Lang.Admin.Audit.Col.Detail ?></th></tr></thead>
  <tbody>
  <?cs each:a = Page.Rows ?>
  <tr><td class="nowrap"><?cs var:a.At ?></td>
    <td><?cs if:a.ActorId ?><a href="<?cs var:Page.Prefix ?>/admin/audit?actor=<?cs var:a.ActorId ?>"><?cs alt:a.Actor ?>#<?cs var:a.ActorId ?><?cs /alt ?></a><?cs else ?><span class="muted"><?cs var:Lang.Admin.Audit.System ?></span><?cs /if ?></td>
    <td><code><?cs var:a.Action ?></code></td>
    <td class="nowrap"><?cs if:a.Type == "user" && a.Object ?><a href="<?cs var:Page.Prefix ?>/admin/users/<?cs var:a.Object ?>"><?cs var:a.Type ?> #<?cs var:a.Object ?></a><?cs elif:a.Type == "unit" && a.Object ?><a href="<?cs var:Page.Prefix ?>/admin/units/<?cs var:a.Object ?>"><?cs var:a.Type ?> #<?cs var:a.Object ?></a><?cs elif:a.Type == "client" && a.Object ?><a href="<?cs var:Page.Prefix ?>/admin/clients/<?cs var:a.Object ?>"><?cs var:a.Type ?> #<?cs var:a.Object ?></a><?cs else ?><?cs var:a.Type ?><?cs if:a.Object ?> #<?cs var:a.Object ?><?cs /if ?><?cs /if ?></td>
    <td><?cs var:a.Ip ?></td>
    <td class="wrap"><?cs var:a.Detail ?></td></tr>
  <?cs /each ?>
  </tbody>
</table></div>
<?cs call:pager() ?>
<?cs else ?>
<div class="panel"><p class="muted"><?cs var:Lang.Admin.Audit.None ?></p></div>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
