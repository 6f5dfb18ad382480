<?cs # login.cs: the login form (GET /login, and again after a refused POST) ?>
<?cs include:"partials/form.cs" ?>
<?cs def:title() ?><?cs var:Lang.Login.Title ?><?cs /def ?>
<?cs def:content() ?>
<section class="panel panel-narrow login">
  <h1><?cs var:Lang.Login.Title ?></h1>
  <p class="muted"><?cs var:Lang.Login.Intro ?></p>
  <?cs call:form_summary() ?>
  <?cs if:Page.Failed ?><div class="alert alert-error" role="alert"><?cs var:Lang.Login.Failed ?></div><?cs /if ?>
  <?cs if:Page.CodesExhausted ?><div class="alert alert-error" role="alert"><?cs var:Lang.Login.CodesExhausted ?></div><?cs /if ?>
  <?cs if:Page.Throttled ?><div class="alert alert-error" role="alert"><?cs var:Lang.Login.Throttled ?></div><?cs /if ?>
  <form method="post" action="<?cs var:Page.Prefix ?>/login" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <?cs if:Page.Form.next ?><input type="hidden" name="next" value="<?cs var:Page.Form.next ?>"><?cs /if ?>
    <?cs call:field("email", Lang.Login.Email, "email", "username", 1) ?>
    <?cs call:field("password", Lang.Login.Password, "password", "current-password", 0) ?>
    <div class="actions">
      <button type="submit" class="btn btn-primary"><?cs var:Lang.Login.Submit ?></button>
      <a href="<?cs var:Page.Prefix ?>/password/reset"><?cs var:Lang.Login.Forgot ?></a>
    </div>
  </form>
  <p class="muted small"><?cs var:Lang.Login.NoAccount ?></p>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
