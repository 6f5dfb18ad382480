<?cs # user_new.cs: registering a user (GET /admin/users/new, and again after a refused POST), with the optional fields that are on ?>
<?cs include:"partials/form.cs" ?>
<?cs include:"admin/select.cs" ?>
<?cs include:"partials/person_fields.cs" ?>
<?cs def:title() ?><?cs var:Lang.Admin.Users.New ?><?cs /def ?>
<?cs def:content() ?>
<p class="small"><a href="<?cs var:Page.Prefix ?>/admin/users"><?cs var:Lang.Admin.Users.Back ?></a></p>
<section class="panel panel-narrow">
  <h1><?cs var:Lang.Admin.Users.New ?></h1>
  <p class="muted"><?cs var:Lang.Admin.Users.NewHelp ?></p>
  <?cs call:form_summary() ?>
  <form method="post" action="<?cs var:Page.Prefix ?>/admin/users" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <?cs call:select_open("kind", Lang.Admin.Users.Kind) ?>
      <?cs if:subcount(Page.ClientChoices) > 0 ?><?cs call:option("client", Lang.Admin.UserKind.client, Page.Form.kind) ?><?cs /if ?>
      <?cs if:Page.May.StaffEdit ?>
      <?cs call:option("agency", Lang.Admin.UserKind.agency, Page.Form.kind) ?>
      <?cs call:option("worker", Lang.Admin.UserKind.worker, Page.Form.kind) ?>
      <?cs /if ?>
    <?cs call:select_close("kind") ?>
    <?cs call:select_open("client", Lang.Admin.Users.ClientOf) ?>
      <option value=""><?cs var:Lang.Admin.Users.NoClient ?></option>
      <?cs each:c = Page.ClientChoices ?><?cs call:option(c.Id, c.Name, Page.Form.client) ?><?cs /each ?>
    <?cs call:select_close("client") ?>
    <?cs call:field("first_name", Lang.Admin.Users.FirstName, "text", "off", 1) ?>
    <?cs call:field("last_name", Lang.Admin.Users.LastName, "text", "off", 1) ?>
    <?cs call:field("job_title", Lang.Admin.Users.JobTitle, "text", "off", 1) ?>
    <?cs call:field("email", Lang.Admin.Users.Email, "email", "off", 1) ?>
    <?cs call:person_fields(Lang.Admin.Users.WorkerOnly, 0) ?>
    <div class="actions">
      <button type="submit" class="btn btn-primary"><?cs var:Lang.Admin.Users.Register ?></button>
      <a href="<?cs var:Page.Prefix ?>/admin/users"><?cs var:Lang.Admin.Cancel ?></a>
    </div>
  </form>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
