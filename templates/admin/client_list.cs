<?cs # client_list.cs: the clients the user may see, searchable by name ?>
<?cs include:"partials/form.cs" ?>
<?cs include:"admin/select.cs" ?>
<?cs def:title() ?><?cs var:Lang.Admin.Clients.Title ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head">
  <h1><?cs var:Lang.Admin.Clients.Title ?></h1>
  <?cs if:Page.May.ClientEdit ?><a class="btn btn-primary" href="<?cs var:Page.Prefix ?>/admin/clients/new"><?cs var:Lang.Admin.Clients.New ?></a><?cs /if ?>
</div>
<?cs call:form_summary() ?>
<form method="get" action="<?cs var:Page.Prefix ?>/admin/clients" class="toolbar" role="search">
  <?cs call:field("q", Lang.Admin.Clients.Search, "search", "off", 1) ?>
  <button type="submit" class="btn"><?cs var:Lang.Admin.Filter ?></button>
</form>
<?cs if:subcount(Page.Clients) > 0 ?>
<div class="table-wrap" tabindex="0"><table class="data">
  <caption class="visually-hidden"><?cs var:Lang.Admin.Clients.Title ?></caption>
  <thead><tr><th scope="col"><?cs var:Lang.Admin.Clients.Name ?></th><th scope="col" class="num"><?cs var:Lang.Admin.Clients.Units ?></th><th scope="col" class="num"><?cs var:Lang.Admin.Clients.Users ?></th><th scope="col"><?cs var:Lang.Admin.Since ?></th><th scope="col"><?cs var:Lang.Admin.Status ?></th></tr></thead>
  <tbody>
  <?cs each:c = Page.Clients ?>
  <tr><th scope="row"><a href="<?cs var:Page.Prefix ?>/admin/clients/<?cs var:c.Id ?>"><?cs var:c.Name ?></a></th><td class="num"><?cs var:c.Units ?></td><td class="num"><?cs var:c.Users ?></td><td class="nowrap"><?cs var:c.Created ?></td>
    <td><?cs if:c.Status == "archived" ?><span class="badge badge-neutral"><?cs var:Lang.Admin.Archived ?></span><?cs else ?><span class="badge badge-ok"><?cs var:Lang.Admin.Active ?></span><?cs /if ?></td></tr>
  <?cs /each ?>
  </tbody>
</table></div>
<?cs call:pager() ?>
<?cs else ?>
<div class="panel"><p class="muted"><?cs var:Lang.Admin.Clients.None ?></p></div>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
