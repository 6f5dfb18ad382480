<?cs # user_show.cs: one user — details with the optional fields that are on, a temp worker's photo and national ID number (masked unless revealed), grants, open sessions, and what may be done ?>
<?cs include:"partials/form.cs" ?>
<?cs include:"admin/select.cs" ?>
<?cs include:"partials/person_fields.cs" ?>
<?cs def:title() ?><?cs var:Page.Person.FirstName ?> <?cs var:Page.Person.LastName ?><?cs /def ?>
<?cs def:action(path, label, style) ?>
<form method="post" action="<?cs var:Page.Prefix ?>/admin/users/<?cs var:Page.Person.Id ?>/<?cs var:path ?>">
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <button type="submit" class="btn <?cs var:style ?>"><?cs var:label ?></button>
</form>
<?cs /def ?>
<?cs def:content() ?>
<p class="small"><a href="<?cs var:Page.Prefix ?>/admin/users"><?cs var:Lang.Admin.Users.Back ?></a></p>
<div class="page-head">
  <h1><?cs var:Page.Person.FirstName ?> <?cs var:Page.Person.LastName ?>
    <span class="badge <?cs if:Page.Person.Status == "active" ?>badge-ok<?cs elif:Page.Person.Status == "invited" ?>badge-warn<?cs elif:Page.Person.Status == "disabled" ?>badge-error<?cs else ?>badge-neutral<?cs /if ?>"><?cs var:Lang.Admin.UserStatus[Page.Person.Status] ?></span></h1>
</div>
<?cs if:Page.Done ?><div class="alert alert-success" role="status"><?cs var:Lang.Admin.Done[Page.Done] ?></div><?cs /if ?>
<?cs if:Page.Refused ?><div class="alert alert-error" role="alert"><?cs var:Lang.Admin.Users.Refused[Page.Refused] ?></div><?cs /if ?>
<?cs if:Page.Person.Erased ?><div class="alert alert-info" role="status"><?cs var:Lang.Admin.Users.Erased ?></div><?cs /if ?>
<div class="grid-2">
<section class="panel">
  <h2><?cs var:Lang.Admin.Users.Details ?></h2>
  <dl class="details">
    <dt><?cs var:Lang.Admin.Users.Email ?></dt><dd><?cs var:Page.Person.Email ?></dd>
    <dt><?cs var:Lang.Admin.Users.Kind ?></dt><dd><?cs var:Lang.Admin.UserKind[Page.Person.Kind] ?></dd>
    <?cs if:Page.Person.Client ?><dt><?cs var:Lang.Admin.Users.Client ?></dt><dd><a href="<?cs var:Page.Prefix ?>/admin/clients/<?cs var:Page.Person.ClientId ?>"><?cs var:Page.Person.Client ?></a></dd><?cs /if ?>
    <?cs if:Page.Person.JobTitle ?><dt><?cs var:Lang.Admin.Users.JobTitle ?></dt><dd><?cs var:Page.Person.JobTitle ?></dd><?cs /if ?>
    <?cs call:person_details(Page.Person) ?>
    <dt><?cs var:Lang.Admin.Users.Registered ?></dt><dd><?cs var:Page.Person.Created ?></dd>
    <dt><?cs var:Lang.Admin.Users.LastLogin ?></dt><dd><?cs if:Page.Person.LastLogin ?><?cs var:Page.Person.LastLogin ?><?cs if:Page.Person.LoginOld ?> <span class="badge badge-warn"><?cs var:Lang.Admin.Users.LongAgo ?></span><?cs /if ?><?cs else ?><?cs var:Lang.Admin.Users.Never ?><?cs /if ?></dd>
  </dl>
  <?cs if:Page.May.Correct ?><p><a class="btn" href="<?cs var:Page.Prefix ?>/admin/users/<?cs var:Page.Person.Id ?>/edit"><?cs var:Lang.Admin.Users.Correct ?></a></p><?cs /if ?>
  <?cs if:Page.May.Audit ?><p class="small"><a href="<?cs var:Page.Prefix ?>/admin/audit?type=user&amp;object=<?cs var:Page.Person.Id ?>"><?cs var:Lang.Admin.Users.AuditAbout ?></a> · <a href="<?cs var:Page.Prefix ?>/admin/audit?actor=<?cs var:Page.Person.Id ?>"><?cs var:Lang.Admin.Users.AuditBy ?></a></p><?cs /if ?>
</section>
<?cs if:Page.May.Edit ?>
<section class="panel">
  <h2><?cs var:Lang.Admin.Users.Actions ?></h2>
  <div class="actions">
  <?cs if:Page.Person.Status == "disabled" ?>
    <?cs call:action("enable", Lang.Admin.Users.Enable, "btn-primary") ?>
  <?cs elif:!Page.Self ?>
    <?cs call:action("disable", Lang.Admin.Users.Disable, "btn-danger") ?>
  <?cs /if ?>
  <?cs if:Page.Person.Status == "invited" || Page.Person.Status == "revoked" ?>
    <?cs call:action("invite", Lang.Admin.Users.Invite, "") ?>
  <?cs /if ?>
  <?cs if:subcount(Page.Sessions) > 0 ?>
    <?cs call:action("sessions/end", Lang.Admin.Users.EndSessions, "") ?>
  <?cs /if ?>
  </div>
  <p class="muted small"><?cs var:Lang.Admin.Users.ActionsHelp ?></p>
</section>
<?cs /if ?>
</div>
<?cs if:Page.Photo.Shown ?>
<section class="panel" aria-labelledby="photo-h">
  <h2 id="photo-h"><?cs var:Lang.Admin.Photo.Title ?></h2>
  <?cs if:Page.Photo.Has ?><p><img class="avatar avatar-large" src="<?cs var:Page.Prefix ?>/admin/users/<?cs var:Page.Person.Id ?>/photo" alt="<?cs var:Lang.Admin.Photo.Alt ?> <?cs var:Page.Person.FirstName ?> <?cs var:Page.Person.LastName ?>" width="96" height="96"></p>
  <?cs else ?><p class="muted"><?cs var:Lang.Admin.Photo.None ?></p><?cs /if ?>
  <?cs if:Page.May.Photo ?>
  <?cs if:Page.Errors.file ?><div class="alert alert-error" role="alert"><?cs var:Lang.Errors.Summary ?></div><?cs /if ?>
  <form method="post" action="<?cs var:Page.Prefix ?>/admin/users/<?cs var:Page.Person.Id ?>/photo" enctype="multipart/form-data" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <div class="field<?cs if:Page.Errors.file ?> has-error<?cs /if ?>"><label for="f-file"><?cs if:Page.Photo.Has ?><?cs var:Lang.Admin.Photo.Replace ?><?cs else ?><?cs var:Lang.Admin.Photo.Choose ?><?cs /if ?></label>
      <input id="f-file" name="file" type="file" accept="image/png,image/jpeg" aria-describedby="h-file<?cs if:Page.Errors.file ?> e-file<?cs /if ?>"<?cs if:Page.Errors.file ?> aria-invalid="true"<?cs /if ?>>
      <?cs if:Page.Errors.file ?><p class="field-error" id="e-file"><?cs var:Lang.Errors[Page.Errors.file] ?></p><?cs /if ?>
      <p class="muted small" id="h-file"><?cs var:Lang.Admin.Photo.Help ?></p></div>
    <div class="actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.Admin.Photo.Upload ?></button></div>
  </form>
  <?cs if:Page.Photo.Has ?><?cs call:action("photo/delete", Lang.Admin.Photo.Remove, "btn-danger") ?><?cs /if ?>
  <?cs /if ?>
</section>
<?cs /if ?>
<?cs if:Page.Bsn.Shown ?>
<section class="panel" aria-labelledby="bsn-h">
  <h2 id="bsn-h"><?cs var:Lang.Admin.Bsn.Title ?></h2>
  <?cs if:Page.Bsn.Broken ?><div class="alert alert-warn" role="status"><?cs var:Lang.Admin.Bsn.Broken ?></div>
  <?cs elif:Page.Bsn.Set ?>
  <dl class="details">
    <dt><?cs var:Lang.Admin.Bsn.Country ?></dt><dd><?cs var:Lang.Admin.Bsn.Countries[Page.Bsn.Country] ?></dd>
    <dt><?cs var:Lang.Admin.Bsn.Number ?></dt><dd><?cs if:Page.Bsn.Plain ?><strong class="mono"><?cs var:Page.Bsn.Plain ?></strong> <span class="muted small"><?cs var:Lang.Admin.Bsn.Audited ?></span><?cs else ?><span class="mono" aria-label="<?cs var:Lang.Admin.Bsn.MaskedLabel ?>"><?cs var:Page.Bsn.Masked ?></span><?cs /if ?></dd>
  </dl>
  <?cs if:Page.May.BsnView && !Page.Bsn.Plain ?><?cs call:action("bsn/reveal", Lang.Admin.Bsn.Reveal, "") ?><?cs /if ?>
  <?cs else ?><p class="muted"><?cs var:Lang.Admin.Bsn.None ?></p><?cs /if ?>
  <?cs if:Page.May.BsnEnter ?>
  <?cs if:Page.Errors.number || Page.Errors.country ?><div class="alert alert-error" role="alert"><?cs var:Lang.Errors.Summary ?></div><?cs /if ?>
  <form method="post" action="<?cs var:Page.Prefix ?>/admin/users/<?cs var:Page.Person.Id ?>/bsn" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <div class="grid-2">
      <div>
      <?cs call:select_open("country", Lang.Admin.Bsn.Country) ?>
        <?cs call:option("NL", Lang.Admin.Bsn.Countries.NL, Page.Form.country) ?><?cs call:option("BE", Lang.Admin.Bsn.Countries.BE, Page.Form.country) ?>
      <?cs call:select_close("country") ?>
      </div>
      <div><?cs call:field("number", Lang.Admin.Bsn.Number, "text", "off", 1) ?></div>
    </div>
    <p class="muted small"><?cs if:Page.Bsn.Set || Page.Bsn.Broken ?><?cs var:Lang.Admin.Bsn.ChangeHelp ?><?cs else ?><?cs var:Lang.Admin.Bsn.EnterHelp ?><?cs /if ?></p>
    <div class="actions"><button type="submit" class="btn btn-primary"><?cs if:Page.Bsn.Set || Page.Bsn.Broken ?><?cs var:Lang.Admin.Bsn.Change ?><?cs else ?><?cs var:Lang.Admin.Bsn.Save ?><?cs /if ?></button></div>
  </form>
  <?cs elif:Page.Bsn.Set || Page.Bsn.Broken ?><p class="muted small"><?cs var:Lang.Admin.Bsn.NoChange ?></p><?cs /if ?>
</section>
<?cs /if ?>
<section class="panel">
  <h2><?cs var:Lang.Admin.Grants.Title ?></h2>
  <?cs if:subcount(Page.Grants) > 0 ?>
  <div class="table-wrap" tabindex="0"><table class="data">
    <thead><tr><th scope="col"><?cs var:Lang.Admin.Grants.Role ?></th><th scope="col"><?cs var:Lang.Admin.Grants.Unit ?></th><th scope="col"><?cs var:Lang.Admin.Since ?></th><th scope="col"><span class="visually-hidden"><?cs var:Lang.Admin.Users.Actions ?></span></th></tr></thead>
    <tbody>
    <?cs each:g = Page.Grants ?>
    <tr><th scope="row"><?cs alt:Lang.Admin.Role[g.Role] ?><?cs var:g.Role ?><?cs /alt ?></th>
      <td><?cs var:g.Unit ?><?cs if:g.Archived ?> <span class="badge badge-neutral"><?cs var:Lang.Admin.Archived ?></span><?cs /if ?></td>
      <td class="nowrap"><?cs var:g.Since ?></td>
      <td class="actions-cell"><?cs if:g.MayRevoke ?><form method="post" action="<?cs var:Page.Prefix ?>/admin/users/<?cs var:Page.Person.Id ?>/grants/<?cs var:g.Id ?>/revoke"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><button type="submit" class="btn btn-quiet"><?cs var:Lang.Admin.Grants.Revoke ?></button></form><?cs /if ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table></div>
  <?cs else ?><p class="muted"><?cs var:Lang.Admin.Grants.None ?></p><?cs /if ?>
  <?cs if:Page.Self ?><p class="muted small"><?cs var:Lang.Admin.Grants.OwnRights ?></p><?cs /if ?>
  <?cs if:Page.May.Grant && subcount(Page.RoleChoices) > 0 ?>
  <h3><?cs var:Lang.Admin.Grants.Add ?></h3>
  <?cs if:Page.Errors.role || Page.Errors.unit ?><?cs call:form_summary() ?><?cs /if ?>
  <form method="post" action="<?cs var:Page.Prefix ?>/admin/users/<?cs var:Page.Person.Id ?>/grants" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <div class="grid-2">
      <div>
      <?cs call:select_open("role", Lang.Admin.Grants.Role) ?>
        <?cs each:o = Page.RoleChoices ?><option value="<?cs var:o.Name ?>"<?cs if:o.Name == Page.Form.role ?> selected<?cs /if ?>><?cs alt:Lang.Admin.Role[o.Name] ?><?cs var:o.Name ?><?cs /alt ?></option><?cs /each ?>
      <?cs call:select_close("role") ?>
      </div>
      <div>
      <?cs call:select_open("unit", Lang.Admin.Grants.Unit) ?>
        <?cs each:u = Page.UnitChoices ?><option value="<?cs var:u.Id ?>"<?cs if:u.Id == Page.Form.unit ?> selected<?cs /if ?>><?cs var:u.Indent ?><?cs var:u.Name ?></option><?cs /each ?>
      <?cs call:select_close("unit") ?>
      </div>
    </div>
    <p class="muted small"><?cs var:Lang.Admin.Grants.Help ?></p>
    <div class="actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.Admin.Grants.Add ?></button></div>
  </form>
  <?cs /if ?>
</section>
<section class="panel">
  <h2><?cs var:Lang.Admin.Users.Sessions ?></h2>
  <?cs if:subcount(Page.Sessions) > 0 ?>
  <div class="table-wrap" tabindex="0"><table class="data">
    <thead><tr><th scope="col"><?cs var:Lang.Account.Started ?></th><th scope="col"><?cs var:Lang.Account.Seen ?></th><th scope="col"><?cs var:Lang.Account.Address ?></th><th scope="col"><?cs var:Lang.Account.Browser ?></th></tr></thead>
    <tbody>
    <?cs each:s = Page.Sessions ?><tr><td class="nowrap"><?cs var:s.Started ?></td><td class="nowrap"><?cs var:s.Seen ?></td><td><?cs var:s.Ip ?></td><td class="wrap"><?cs var:s.Agent ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table></div>
  <?cs else ?><p class="muted"><?cs var:Lang.Admin.Users.NoSessions ?></p><?cs /if ?>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
