<?cs # totp.cs: the code of the authenticator app, after the password ?>
<?cs include:"partials/form.cs" ?>
<?cs def:title() ?><?cs var:Lang.Totp.Title ?><?cs /def ?>
<?cs def:content() ?>
<section class="panel panel-narrow login">
  <h1><?cs var:Lang.Totp.Title ?></h1>
  <p class="muted"><?cs var:Lang.Totp.Intro ?></p>
  <form method="post" action="<?cs var:Page.Prefix ?>/login/totp" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <?cs call:field("code", Lang.Totp.Code, "text", "one-time-code", 0) ?>
    <div class="actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.Totp.Submit ?></button></div>
  </form>
  <p class="muted small"><?cs var:Lang.Totp.Recovery ?></p>
  <form method="post" action="<?cs var:Page.Prefix ?>/logout"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><button type="submit" class="btn btn-quiet"><?cs var:Lang.User.Logout ?></button></form>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
