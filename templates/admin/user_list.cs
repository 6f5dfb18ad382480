<?cs # user_list.cs: the users the viewer may see, with search, filters and pages ?>
<?cs include:"partials/form.cs" ?>
<?cs include:"admin/select.cs" ?>
<?cs def:title() ?><?cs var:Lang.Admin.Users.Title ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head">
  <h1><?cs var:Lang.Admin.Users.Title ?></h1>
  <?cs if:Page.May.UserEdit ?><a class="btn btn-primary" href="<?cs var:Page.Prefix ?>/admin/users/new"><?cs var:Lang.Admin.Users.New ?></a><?cs /if ?>
</div>
<?cs call:form_summary() ?>
<form method="get" action="<?cs var:Page.Prefix ?>/admin/users" class="toolbar" role="search">
  <?cs call:field("q", Lang.Admin.Users.Search, "search", "off", 1) ?>
  <?cs call:select_open("client", Lang.Admin.Users.Client) ?>
    <option value=""><?cs var:Lang.Admin.Any ?></option>
    <?cs each:c = Page.ClientChoices ?><?cs call:option(c.Id, c.Name, Page.Form.client) ?><?cs /each ?>
  <?cs call:select_close("client") ?>
  <?cs if:subcount(Page.UnitChoices) > 0 ?>
  <?cs call:select_open("unit", Lang.Admin.Users.Unit) ?>
    <option value=""><?cs var:Lang.Admin.Any ?></option>
    <?cs each:u = Page.UnitChoices ?><option value="<?cs var:u.Id ?>"<?cs if:u.Id == Page.Form.unit ?> selected<?cs /if ?>><?cs var:u.Indent ?><?cs var:u.Name ?></option><?cs /each ?>
  <?cs call:select_close("unit") ?>
  <?cs /if ?>
  <?cs call:select_open("role", Lang.Admin.Users.Role) ?>
    <option value=""><?cs var:Lang.Admin.Any ?></option>
    <?cs each:o = Page.RoleChoices ?><option value="<?cs var:o.Name ?>"<?cs if:o.Name == Page.Form.role ?> selected<?cs /if ?>><?cs alt:Lang.Admin.Role[o.Name] ?><?cs var:o.Name ?><?cs /alt ?></option><?cs /each ?>
  <?cs call:select_close("role") ?>
  <?cs call:select_open("kind", Lang.Admin.Users.Kind) ?>
    <option value=""><?cs var:Lang.Admin.Any ?></option>
    <?cs call:option("agency", Lang.Admin.UserKind.agency, Page.Form.kind) ?>
    <?cs call:option("client", Lang.Admin.UserKind.client, Page.Form.kind) ?>
    <?cs call:option("worker", Lang.Admin.UserKind.worker, Page.Form.kind) ?>
  <?cs call:select_close("kind") ?>
  <?cs call:select_open("status", Lang.Admin.Status) ?>
    <option value=""><?cs var:Lang.Admin.Any ?></option>
    <?cs call:option("invited", Lang.Admin.UserStatus.invited, Page.Form.status) ?>
    <?cs call:option("active", Lang.Admin.UserStatus.active, Page.Form.status) ?>
    <?cs call:option("disabled", Lang.Admin.UserStatus.disabled, Page.Form.status) ?>
    <?cs call:option("revoked", Lang.Admin.UserStatus.revoked, Page.Form.status) ?>
  <?cs call:select_close("status") ?>
  <?cs call:select_open("login", Lang.Admin.Users.LastLogin) ?>
    <option value=""><?cs var:Lang.Admin.Any ?></option>
    <?cs call:option("never", Lang.Admin.Users.Never, Page.Form.login) ?>
    <?cs call:option("old", Lang.Admin.Users.Old, Page.Form.login) ?>
  <?cs call:select_close("login") ?>
  <button type="submit" class="btn"><?cs var:Lang.Admin.Filter ?></button>
  <a href="<?cs var:Page.Prefix ?>/admin/users"><?cs var:Lang.Admin.Reset ?></a>
</form>
<?cs if:subcount(Page.Users) > 0 ?>
<p class="muted small"><?cs var:Lang.Admin.Found ?> <?cs var:Page.Pager.Total ?></p>
<div class="table-wrap" tabindex="0"><table class="data">
  <caption class="visually-hidden"><?cs var:Lang.Admin.Users.Title ?></caption>
  <thead><tr><th scope="col"><?cs var:Lang.Admin.Users.Name ?></th><th scope="col"><?cs var:Lang.Admin.Users.Email ?></th><th scope="col"><?cs var:Lang.Admin.Users.Kind ?></th><th scope="col"><?cs var:Lang.Admin.Users.Client ?></th><th scope="col"><?cs var:Lang.Admin.Status ?></th><th scope="col"><?cs var:Lang.Admin.Users.LastLogin ?></th></tr></thead>
  <tbody>
  <?cs each:u = Page.Users ?>
  <tr><th scope="row"><a href="<?cs var:Page.Prefix ?>/admin/users/<?cs var:u.Id ?>"><?cs var:u.Name ?></a></th><td class="wrap"><?cs var:u.Email ?></td><td><?cs var:Lang.Admin.UserKind[u.Kind] ?></td><td><?cs var:u.Client ?></td>
    <td><span class="badge <?cs if:u.Status == "active" ?>badge-ok<?cs elif:u.Status == "invited" ?>badge-warn<?cs elif:u.Status == "disabled" ?>badge-error<?cs else ?>badge-neutral<?cs /if ?>"><?cs var:Lang.Admin.UserStatus[u.Status] ?></span></td>
    <td class="nowrap"><?cs if:u.LastLogin ?><?cs var:u.LastLogin ?><?cs if:u.LoginOld ?> <span class="badge badge-warn"><?cs var:Lang.Admin.Users.LongAgo ?></span><?cs /if ?><?cs else ?><span class="muted"><?cs var:Lang.Admin.Users.Never ?></span><?cs /if ?></td></tr>
  <?cs /each ?>
  </tbody>
</table></div>
<?cs call:pager() ?>
<?cs else ?>
<div class="panel"><p class="muted"><?cs var:Lang.Admin.Users.None ?></p></div>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
