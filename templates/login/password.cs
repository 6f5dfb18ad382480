<?cs # password.cs: choosing a password from an invitation or a reset link ?>
<?cs include:"partials/form.cs" ?>
<?cs def:title() ?><?cs if:Page.Kind == "invite" ?><?cs var:Lang.Password.InviteTitle ?><?cs else ?><?cs var:Lang.Password.ResetTitle ?><?cs /if ?><?cs /def ?>
<?cs def:content() ?>
<section class="panel panel-narrow">
  <h1><?cs call:title() ?></h1>
  <?cs if:Page.Expired ?>
  <div class="alert alert-error" role="alert"><?cs var:Lang.Password.Expired ?></div>
  <p><a class="btn" href="<?cs var:Page.Prefix ?>/password/reset"><?cs var:Lang.Login.Forgot ?></a></p>
  <?cs elif:Page.Done ?>
  <div class="alert alert-success" role="status"><?cs var:Lang.Password.Done ?></div>
  <p><a class="btn btn-primary" href="<?cs var:Page.Prefix ?>/login"><?cs var:Lang.Login.Submit ?></a></p>
  <?cs else ?>
  <p><?cs var:Lang.Password.For ?> <strong><?cs var:Page.Person.Name ?></strong> (<?cs var:Page.Person.Email ?>).</p>
  <p class="muted"><?cs var:Lang.Password.Rules ?></p>
  <?cs call:form_summary() ?>
  <form method="post" action="<?cs var:Page.Prefix ?>/<?cs if:Page.Kind == "invite" ?>invite<?cs else ?>password/reset<?cs /if ?>/<?cs var:Page.Token ?>" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="text" value="<?cs var:Page.Person.Email ?>" autocomplete="username" hidden>
    <?cs call:field("password", Lang.Password.New, "password", "new-password", 0) ?>
    <?cs call:field("password2", Lang.Password.Repeat, "password", "new-password", 0) ?>
    <div class="actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.Password.Save ?></button></div>
  </form>
  <?cs /if ?>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
