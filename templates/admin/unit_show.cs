<?cs # unit_show.cs: one unit of a client's organisation — what is below it, rename, move, archive ?>
<?cs include:"partials/form.cs" ?>
<?cs include:"admin/select.cs" ?>
<?cs def:title() ?><?cs var:Page.Unit.Name ?><?cs /def ?>
<?cs def:content() ?>
<nav aria-label="<?cs var:Lang.Admin.Units.Trail ?>"><p class="small"><a href="<?cs var:Page.Prefix ?>/admin/clients"><?cs var:Lang.Admin.Clients.Title ?></a>
  <?cs each:t = Page.Trail ?> › <?cs if:t.Kind == "client" ?><a href="<?cs var:Page.Prefix ?>/admin/clients/<?cs var:Page.Unit.ClientId ?>"><?cs var:t.Name ?></a><?cs elif:t.Id != Page.Unit.Id ?><a href="<?cs var:Page.Prefix ?>/admin/units/<?cs var:t.Id ?>"><?cs var:t.Name ?></a><?cs else ?><span aria-current="page"><?cs var:t.Name ?></span><?cs /if ?><?cs /each ?></p></nav>
<div class="page-head">
  <h1><?cs var:Page.Unit.Name ?> <?cs if:Page.Unit.Archived ?><span class="badge badge-neutral"><?cs var:Lang.Admin.Archived ?></span><?cs /if ?></h1>
</div>
<?cs if:Page.Done ?><div class="alert alert-success" role="status"><?cs var:Lang.Admin.Done[Page.Done] ?></div><?cs /if ?>
<?cs call:form_summary() ?>
<div class="grid-2">
<section class="panel">
  <h2><?cs var:Lang.Admin.Units.Details ?></h2>
  <dl class="details">
    <dt><?cs var:Lang.Admin.Units.Kind ?></dt><dd><?cs var:Lang.Admin.Kind[Page.Unit.Kind] ?></dd>
    <dt><?cs var:Lang.Admin.Since ?></dt><dd><?cs var:Page.Unit.Created ?></dd>
    <?cs if:Page.Unit.Archived ?><dt><?cs var:Lang.Admin.Units.ArchivedAt ?></dt><dd><?cs var:Page.Unit.ArchivedAt ?></dd><?cs /if ?>
  </dl>
</section>
<section class="panel">
  <h2><?cs var:Lang.Admin.Units.Below ?></h2>
  <?cs if:subcount(Page.Children) > 0 ?>
  <ul>
    <?cs each:c = Page.Children ?><li><a href="<?cs var:Page.Prefix ?>/admin/units/<?cs var:c.Id ?>"><?cs var:c.Name ?></a> <span class="muted small"><?cs var:Lang.Admin.Kind[c.Kind] ?></span><?cs if:c.Archived ?> <span class="badge badge-neutral"><?cs var:Lang.Admin.Archived ?></span><?cs /if ?></li>
    <?cs /each ?>
  </ul>
  <?cs else ?><p class="muted"><?cs var:Lang.Admin.Units.NoneBelow ?></p><?cs /if ?>
</section>
</div>
<?cs if:Page.May.UnitEdit ?>
<div class="grid-2">
<section class="panel">
  <h2><?cs var:Lang.Admin.Units.Rename ?></h2>
  <form method="post" action="<?cs var:Page.Prefix ?>/admin/units/<?cs var:Page.Unit.Id ?>/rename" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <?cs call:field("name", Lang.Admin.Units.Name, "text", "off", 1) ?>
    <div class="actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.Admin.Units.Rename ?></button></div>
  </form>
</section>
<?cs if:Page.Unit.Kind != "client" ?>
<section class="panel">
  <h2><?cs var:Lang.Admin.Units.Move ?></h2>
  <p class="muted"><?cs var:Lang.Admin.Units.MoveHelp ?></p>
  <form method="post" action="<?cs var:Page.Prefix ?>/admin/units/<?cs var:Page.Unit.Id ?>/move" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <?cs call:select_open("parent", Lang.Admin.Units.NewParent) ?>
      <?cs each:u = Page.Targets ?><option value="<?cs var:u.Id ?>"<?cs if:u.Id == Page.Form.parent ?> selected<?cs /if ?>><?cs var:u.Indent ?><?cs var:u.Name ?></option><?cs /each ?>
    <?cs call:select_close("parent") ?>
    <div class="actions"><button type="submit" class="btn"><?cs var:Lang.Admin.Units.Move ?></button></div>
  </form>
</section>
<?cs /if ?>
</div>
<?cs if:Page.Unit.Kind != "client" ?>
<section class="panel">
  <h2><?cs var:Lang.Admin.Units.Archive ?></h2>
  <p class="muted"><?cs var:Lang.Admin.Units.ArchiveHelp ?></p>
  <form method="post" action="<?cs var:Page.Prefix ?>/admin/units/<?cs var:Page.Unit.Id ?>/archive">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <button type="submit" class="btn btn-danger"><?cs var:Lang.Admin.Units.Archive ?></button>
  </form>
</section>
<?cs /if ?>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
