<?cs # twofa.cs: setting up the second factor, its recovery codes, turning it off ?>
<?cs include:"partials/form.cs" ?>
<?cs def:title() ?><?cs var:Lang.Totp.SetupTitle ?><?cs /def ?>
<?cs def:content() ?>
<section class="panel panel-narrow">
  <h1><?cs var:Lang.Totp.SetupTitle ?></h1>
  <?cs if:Page.JustEnabled ?>
  <div class="alert alert-success" role="status"><?cs var:Lang.Totp.Enabled ?></div>
  <p><?cs var:Lang.Totp.CodesIntro ?></p>
  <ul class="codes"><?cs each:c = Page.Codes ?><li><code><?cs var:c ?></code></li><?cs /each ?></ul>
  <p><a class="btn btn-primary" href="<?cs var:Page.Prefix ?>/"><?cs var:Lang.Totp.Continue ?></a></p>
  <?cs elif:Page.Enabled ?>
  <p><span class="badge badge-ok"><?cs var:Lang.Totp.On ?></span></p>
  <h2><?cs var:Lang.Totp.DisableTitle ?></h2>
  <form method="post" action="<?cs var:Page.Prefix ?>/account/2fa/disable" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <?cs call:field("password", Lang.Account.Current, "password", "current-password", 0) ?>
    <div class="actions"><button type="submit" class="btn btn-danger"><?cs var:Lang.Totp.Disable ?></button></div>
  </form>
  <?cs else ?>
  <?cs if:Page.Required ?><div class="alert alert-info" role="status"><?cs var:Lang.Totp.Required ?></div><?cs /if ?>
  <ol>
    <li><?cs var:Lang.Totp.Step1 ?></li>
    <li><?cs var:Lang.Totp.Step2 ?></li>
  </ol>
  <p><img class="qr" src="<?cs var:Page.Qr ?>" alt="<?cs var:Lang.Totp.QrAlt ?>" width="220" height="220"></p>
  <p><?cs var:Lang.Totp.KeyText ?> <code class="key"><?cs var:Page.Key ?></code></p>
  <form method="post" action="<?cs var:Page.Prefix ?>/account/2fa/enable" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <?cs call:field("code", Lang.Totp.Code, "text", "one-time-code", 0) ?>
    <div class="actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.Totp.Confirm ?></button></div>
  </form>
  <?cs /if ?>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
