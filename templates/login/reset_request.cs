<?cs # reset_request.cs: asking for a password-reset link ?>
<?cs include:"partials/form.cs" ?>
<?cs def:title() ?><?cs var:Lang.Password.ResetTitle ?><?cs /def ?>
<?cs def:content() ?>
<section class="panel panel-narrow">
  <h1><?cs var:Lang.Password.ResetTitle ?></h1>
  <?cs if:Page.Sent ?>
  <div class="alert alert-success" role="status"><?cs var:Lang.Password.Sent ?></div>
  <p><a href="<?cs var:Page.Prefix ?>/login"><?cs var:Lang.Login.Title ?></a></p>
  <?cs else ?>
  <p class="muted"><?cs var:Lang.Password.ResetIntro ?></p>
  <?cs call:form_summary() ?>
  <form method="post" action="<?cs var:Page.Prefix ?>/password/reset" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <?cs call:field("email", Lang.Login.Email, "email", "username", 1) ?>
    <div class="actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.Password.SendLink ?></button>
      <a href="<?cs var:Page.Prefix ?>/login"><?cs var:Lang.Login.Title ?></a></div>
  </form>
  <?cs /if ?>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
