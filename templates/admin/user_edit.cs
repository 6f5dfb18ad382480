<?cs # user_edit.cs: correcting a user's details — names, e-mail address, job title and the optional fields that are on (GET /admin/users/:id/edit, and again after a refused POST) ?>
<?cs include:"partials/form.cs" ?>
<?cs include:"partials/person_fields.cs" ?>
<?cs def:title() ?><?cs var:Lang.Admin.Users.Correct ?> — <?cs var:Page.Person.FirstName ?> <?cs var:Page.Person.LastName ?><?cs /def ?>
<?cs def:content() ?>
<p class="small"><a href="<?cs var:Page.Prefix ?>/admin/users/<?cs var:Page.Person.Id ?>"><?cs var:Lang.Admin.Users.BackToUser ?></a></p>
<section class="panel panel-narrow">
  <h1><?cs var:Lang.Admin.Users.Correct ?>: <?cs var:Page.Person.FirstName ?> <?cs var:Page.Person.LastName ?></h1>
  <p class="muted"><?cs var:Lang.Admin.Users.CorrectHelp ?></p>
  <?cs call:form_summary() ?>
  <form method="post" action="<?cs var:Page.Prefix ?>/admin/users/<?cs var:Page.Person.Id ?>/edit" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <?cs call:field("first_name", Lang.Admin.Users.FirstName, "text", "off", 1) ?>
    <?cs call:field("last_name", Lang.Admin.Users.LastName, "text", "off", 1) ?>
    <?cs call:field("job_title", Lang.Admin.Users.JobTitle, "text", "off", 1) ?>
    <?cs call:field("email", Lang.Admin.Users.Email, "email", "off", 1) ?>
    <p class="muted small"><?cs var:Lang.Admin.Users.EmailIsLogin ?></p>
    <?cs call:person_fields(Lang.Admin.Users.BirthAndAddress, 0) ?>
    <div class="actions">
      <button type="submit" class="btn btn-primary"><?cs var:Lang.Admin.Users.SaveDetails ?></button>
      <a href="<?cs var:Page.Prefix ?>/admin/users/<?cs var:Page.Person.Id ?>"><?cs var:Lang.Admin.Cancel ?></a>
    </div>
  </form>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
