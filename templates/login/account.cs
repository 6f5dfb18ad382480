<?cs # account.cs: the user's own account: his details (and correcting them), sessions, password, language ?>
<?cs include:"partials/form.cs" ?>
<?cs include:"partials/person_fields.cs" ?>
<?cs # A temp worker's names, shown in the form but not his to change: the
     agency corrects them (name-ask says so). ?>
<?cs def:fixed_field(name, label, autocomplete) ?>
<div class="field<?cs if:Page.Errors[name] ?> has-error<?cs /if ?>">
  <label for="f-<?cs var:name ?>"><?cs var:label ?></label>
  <input id="f-<?cs var:name ?>" name="<?cs var:name ?>" type="text" autocomplete="<?cs var:autocomplete ?>" value="<?cs var:Page.Form[name] ?>" readonly aria-describedby="name-ask<?cs if:Page.Errors[name] ?> e-<?cs var:name ?><?cs /if ?>"<?cs if:Page.Errors[name] ?> aria-invalid="true"<?cs /if ?>>
  <?cs if:Page.Errors[name] ?><p class="field-error" id="e-<?cs var:name ?>"><?cs var:Lang.Errors[Page.Errors[name]] ?></p><?cs /if ?>
</div>
<?cs /def ?>
<?cs def:title() ?><?cs var:Lang.Account.Title ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head"><h1><?cs var:Lang.Account.Title ?></h1></div>
<?cs if:Page.Done ?><div class="alert alert-success" role="status"><?cs var:Lang.Account.Done[Page.Done] ?></div><?cs /if ?>
<section class="panel" aria-labelledby="profile-h">
  <h2 id="profile-h"><?cs var:Lang.Account.Profile ?></h2>
  <div class="grid-2">
  <div>
  <?cs if:Page.Profile.Photo ?><p><img class="avatar avatar-large" src="<?cs var:Page.Prefix ?>/admin/users/<?cs var:Page.Profile.Id ?>/photo" alt="<?cs var:Lang.Account.YourPhoto ?>" width="96" height="96"></p><?cs /if ?>
  <dl class="details">
    <dt><?cs var:Lang.Admin.Users.Name ?></dt><dd><?cs var:Page.Profile.FirstName ?> <?cs var:Page.Profile.LastName ?></dd>
    <dt><?cs var:Lang.Admin.Users.Email ?></dt><dd><?cs var:Page.User.Email ?></dd>
    <?cs if:Page.Profile.JobTitle ?><dt><?cs var:Lang.Admin.Users.JobTitle ?></dt><dd><?cs var:Page.Profile.JobTitle ?></dd><?cs /if ?>
    <?cs if:Page.Profile.Client ?><dt><?cs var:Lang.Admin.Users.Client ?></dt><dd><?cs var:Page.Profile.Client ?></dd><?cs /if ?>
    <?cs call:person_details(Page.Profile) ?>
  </dl>
  <p class="muted small"><?cs if:Page.Profile.Kind == "agency" ?><?cs var:Lang.Account.EmailStaff ?><?cs else ?><?cs var:Lang.Account.EmailAsk ?> <a href="mailto:<?cs var:Page.SupportEmail ?>"><?cs var:Page.SupportEmail ?></a>.<?cs /if ?></p>
  </div>
  <div>
  <h3><?cs var:Lang.Account.Correct ?></h3>
  <?cs if:Page.ProfileRefused ?><?cs call:form_summary() ?><?cs /if ?>
  <form method="post" action="<?cs var:Page.Prefix ?>/account/profile" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <?cs if:Page.Profile.NamesFixed ?>
    <p class="muted small" id="name-ask"><?cs var:Lang.Account.NameAsk ?> <a href="mailto:<?cs var:Page.SupportEmail ?>"><?cs var:Page.SupportEmail ?></a>.</p>
    <?cs call:fixed_field("first_name", Lang.Admin.Users.FirstName, "given-name") ?>
    <?cs call:fixed_field("last_name", Lang.Admin.Users.LastName, "family-name") ?>
    <?cs else ?>
    <?cs call:field("first_name", Lang.Admin.Users.FirstName, "text", "given-name", 1) ?>
    <?cs call:field("last_name", Lang.Admin.Users.LastName, "text", "family-name", 1) ?>
    <?cs /if ?>
    <?cs call:field("job_title", Lang.Admin.Users.JobTitle, "text", "organization-title", 1) ?>
    <?cs call:person_fields(Lang.Account.BirthAndAddress, 1) ?>
    <div class="actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.Account.SaveProfile ?></button></div>
  </form>
  </div>
  </div>
</section>
<div class="grid-2">
<section class="panel">
  <h2><?cs var:Lang.Account.Password ?></h2>
  <?cs if:!Page.ProfileRefused ?><?cs call:form_summary() ?><?cs /if ?>
  <form method="post" action="<?cs var:Page.Prefix ?>/account/password" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="text" value="<?cs var:Page.User.Email ?>" autocomplete="username" hidden>
    <?cs call:field("current", Lang.Account.Current, "password", "current-password", 0) ?>
    <?cs call:field("password", Lang.Password.New, "password", "new-password", 0) ?>
    <?cs call:field("password2", Lang.Password.Repeat, "password", "new-password", 0) ?>
    <p class="muted small"><?cs var:Lang.Password.Rules ?> <?cs var:Lang.Account.OthersEnd ?></p>
    <div class="actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.Password.Save ?></button></div>
  </form>
</section>
<section class="panel">
  <h2><?cs var:Lang.Account.Language ?></h2>
  <form method="post" action="<?cs var:Page.Prefix ?>/account/lang">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <div class="field"><label for="f-lang"><?cs var:Lang.LangSwitch.Label ?></label>
    <select id="f-lang" name="lang"><?cs each:l = Page.Langs ?><option value="<?cs var:l ?>"<?cs if:l == Page.User.Lang ?> selected<?cs /if ?>><?cs var:Lang.LangSwitch[l] ?></option><?cs /each ?></select></div>
    <div class="actions"><button type="submit" class="btn"><?cs var:Lang.Account.Save ?></button></div>
  </form>
</section>
</div>
<section class="panel">
  <h2><?cs var:Lang.Account.Sessions ?></h2>
  <div class="table-wrap" tabindex="0"><table class="data">
    <thead><tr><th scope="col"><?cs var:Lang.Account.Started ?></th><th scope="col"><?cs var:Lang.Account.Seen ?></th><th scope="col"><?cs var:Lang.Account.Address ?></th><th scope="col"><?cs var:Lang.Account.Browser ?></th><th scope="col"><span class="visually-hidden"><?cs var:Lang.Account.Actions ?></span></th></tr></thead>
    <tbody>
    <?cs each:s = Page.Sessions ?>
    <tr><td><?cs var:s.Started ?></td><td><?cs var:s.Seen ?></td><td><?cs var:s.Ip ?></td><td class="wrap"><?cs var:s.Agent ?></td>
      <td><?cs if:s.Current ?><span class="badge badge-ok"><?cs var:Lang.Account.ThisOne ?></span><?cs /if ?>
        <form method="post" action="<?cs var:Page.Prefix ?>/account/sessions/end"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><input type="hidden" name="id" value="<?cs var:s.Id ?>"><button type="submit" class="btn btn-quiet"><?cs var:Lang.Account.End ?></button></form></td></tr>
    <?cs /each ?>
    </tbody>
  </table></div>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
