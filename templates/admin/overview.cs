<?cs # overview.cs: the start of administration, a tile per part the user may use ?>
<?cs def:title() ?><?cs var:Lang.Admin.Title ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head"><h1><?cs var:Lang.Admin.Title ?></h1></div>
<ul class="tiles">
  <li class="tile tile-admin"><a href="<?cs var:Page.Prefix ?>/admin/clients"><span class="tile-title"><?cs var:Lang.Admin.Clients.Title ?></span><span class="tile-text"><?cs var:Lang.Admin.Clients.Intro ?></span></a></li>
  <?cs if:Page.May.ClientEdit ?>
  <li class="tile tile-admin"><a href="<?cs var:Page.Prefix ?>/admin/clients/new"><span class="tile-title"><?cs var:Lang.Admin.Clients.New ?></span><span class="tile-text"><?cs var:Lang.Admin.Clients.NewIntro ?></span></a></li>
  <?cs /if ?>
  <?cs if:Page.May.UserView ?>
  <li class="tile tile-admin"><a href="<?cs var:Page.Prefix ?>/admin/users"><span class="tile-title"><?cs var:Lang.Admin.Users.Title ?></span><span class="tile-text"><?cs var:Lang.Admin.Users.Intro ?></span></a></li>
  <?cs /if ?>
  <?cs if:Page.May.UserEdit ?>
  <li class="tile tile-admin"><a href="<?cs var:Page.Prefix ?>/admin/users/new"><span class="tile-title"><?cs var:Lang.Admin.Users.New ?></span><span class="tile-text"><?cs var:Lang.Admin.Users.NewIntro ?></span></a></li>
  <?cs /if ?>
  <?cs if:Page.May.AuditView ?>
  <li class="tile tile-admin"><a href="<?cs var:Page.Prefix ?>/admin/audit"><span class="tile-title"><?cs var:Lang.Admin.Audit.Title ?></span><span class="tile-text"><?cs var:Lang.Admin.Audit.Intro ?></span></a></li>
  <?cs /if ?>
  <?cs if:Page.May.Announce ?>
  <li class="tile tile-admin"><a href="<?cs var:Page.Prefix ?>/admin/announcements"><span class="tile-title"><?cs var:Lang.Admin.Announce.Title ?></span><span class="tile-text"><?cs var:Lang.Admin.Announce.Intro ?></span></a></li>
  <?cs /if ?>
  <?cs if:Page.May.OutboxView ?>
  <li class="tile tile-admin"><a href="<?cs var:Page.Prefix ?>/admin/outbox"><span class="tile-title"><?cs var:Lang.Admin.Outbox.Title ?></span><span class="tile-text"><?cs var:Lang.Admin.Outbox.Intro ?></span></a></li>
  <?cs /if ?>
</ul>
<?cs /def ?>
<?cs include:"layout.cs" ?>
