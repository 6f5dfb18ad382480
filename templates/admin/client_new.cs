<?cs # client_new.cs: a new client (GET /admin/clients/new, and again after a refused POST) ?>
<?cs include:"partials/form.cs" ?>
<?cs def:title() ?><?cs var:Lang.Admin.Clients.New ?><?cs /def ?>
<?cs def:content() ?>
<p class="small"><a href="<?cs var:Page.Prefix ?>/admin/clients"><?cs var:Lang.Admin.Clients.Back ?></a></p>
<section class="panel panel-narrow">
  <h1><?cs var:Lang.Admin.Clients.New ?></h1>
  <p class="muted"><?cs var:Lang.Admin.Clients.NewHelp ?></p>
  <?cs call:form_summary() ?>
  <form method="post" action="<?cs var:Page.Prefix ?>/admin/clients" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <?cs call:field("name", Lang.Admin.Clients.Name, "text", "organization", 1) ?>
    <div class="actions">
      <button type="submit" class="btn btn-primary"><?cs var:Lang.Admin.Clients.Create ?></button>
      <a href="<?cs var:Page.Prefix ?>/admin/clients"><?cs var:Lang.Admin.Cancel ?></a>
    </div>
  </form>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
