<?cs # client_show.cs: a client's organisation as a tree, a new unit, archiving the client ?>
<?cs include:"partials/form.cs" ?>
<?cs include:"admin/select.cs" ?>
<?cs def:title() ?><?cs var:Page.Client.Name ?><?cs /def ?>
<?cs def:content() ?>
<p class="small"><a href="<?cs var:Page.Prefix ?>/admin/clients"><?cs var:Lang.Admin.Clients.Back ?></a></p>
<div class="page-head">
  <h1><?cs var:Page.Client.Name ?> <?cs if:Page.Client.Status == "archived" ?><span class="badge badge-neutral"><?cs var:Lang.Admin.Archived ?></span><?cs /if ?></h1>
  <?cs if:Page.May.UserView ?><a class="btn" href="<?cs var:Page.Prefix ?>/admin/users?client=<?cs var:Page.Client.Id ?>"><?cs var:Lang.Admin.Clients.ItsUsers ?></a><?cs /if ?>
</div>
<?cs if:Page.Done ?><div class="alert alert-success" role="status"><?cs var:Lang.Admin.Done[Page.Done] ?></div><?cs /if ?>
<?cs call:form_summary() ?>
<section class="panel">
  <h2><?cs var:Lang.Admin.Units.Tree ?></h2>
  <div class="table-wrap" tabindex="0"><table class="data">
    <thead><tr><th scope="col"><?cs var:Lang.Admin.Units.Name ?></th><th scope="col"><?cs var:Lang.Admin.Units.Kind ?></th><th scope="col"><?cs var:Lang.Admin.Status ?></th></tr></thead>
    <tbody>
    <?cs each:u = Page.Units ?>
    <tr><th scope="row"><?cs var:u.Indent ?><a href="<?cs var:Page.Prefix ?>/admin/units/<?cs var:u.Id ?>"><?cs var:u.Name ?></a></th><td><?cs var:Lang.Admin.Kind[u.Kind] ?></td>
      <td><?cs if:u.Archived ?><span class="badge badge-neutral"><?cs var:Lang.Admin.Archived ?></span><?cs else ?><span class="badge badge-ok"><?cs var:Lang.Admin.Active ?></span><?cs /if ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table></div>
</section>
<?cs if:Page.May.UnitEdit ?>
<section class="panel">
  <h2><?cs var:Lang.Admin.Units.New ?></h2>
  <form method="post" action="<?cs var:Page.Prefix ?>/admin/clients/<?cs var:Page.Client.Id ?>/units" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <div class="grid-2">
      <div>
      <?cs call:select_open("parent", Lang.Admin.Units.Parent) ?>
        <?cs each:u = Page.Units ?><?cs if:!u.Archived ?><option value="<?cs var:u.Id ?>"<?cs if:u.Id == Page.Form.parent ?> selected<?cs /if ?>><?cs var:u.Indent ?><?cs var:u.Name ?></option><?cs /if ?><?cs /each ?>
      <?cs call:select_close("parent") ?>
      </div>
      <div>
      <?cs call:select_open("kind", Lang.Admin.Units.Kind) ?>
        <?cs call:option("site", Lang.Admin.Kind.site, Page.Form.kind) ?>
        <?cs call:option("department", Lang.Admin.Kind.department, Page.Form.kind) ?>
        <?cs call:option("team", Lang.Admin.Kind.team, Page.Form.kind) ?>
      <?cs call:select_close("kind") ?>
      </div>
    </div>
    <?cs call:field("name", Lang.Admin.Units.Name, "text", "off", 1) ?>
    <div class="actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.Admin.Units.Create ?></button></div>
  </form>
</section>
<?cs /if ?>
<?cs if:Page.May.ClientEdit ?>
<section class="panel">
  <h2><?cs var:Lang.Admin.Clients.Archive ?></h2>
  <p class="muted"><?cs var:Lang.Admin.Clients.ArchiveHelp ?></p>
  <form method="post" action="<?cs var:Page.Prefix ?>/admin/clients/<?cs var:Page.Client.Id ?>/archive">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <button type="submit" class="btn btn-danger"><?cs var:Lang.Admin.Clients.Archive ?></button>
  </form>
</section>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
