<?cs # layout.cs: the frame of every page. A page defines title() and
     content(), then includes this file. ?><!DOCTYPE html>
<html lang="<?cs var:Page.Lang ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs call:title() ?> · <?cs var:Page.PortalName ?></title>
<link rel="stylesheet" href="<?cs var:Page.Prefix ?>/static/portal.css">
<link rel="icon" href="<?cs var:Page.Prefix ?>/static/favicon.svg" type="image/svg+xml">
<script src="<?cs var:Page.Prefix ?>/static/portal.js" defer></script>
</head>
<body>
<a class="skip" href="#main"><?cs var:Lang.Skip ?></a>
<header class="topbar">
  <div class="topbar-inner">
    <a class="brand" href="<?cs var:Page.Prefix ?>/"><span class="brand-mark" aria-hidden="true">F</span><span class="brand-name"><?cs var:Page.PortalName ?></span></a>
    <?cs if:Page.User.Name ?>
    <button type="button" class="menu-toggle" aria-controls="mainnav" aria-expanded="false" hidden><?cs var:Lang.Menu ?></button>
    <nav class="mainnav" id="mainnav" aria-label="<?cs var:Lang.Nav.Label ?>">
      <ul>
        <?cs each:item = Page.Nav ?><li><a href="<?cs var:Page.Prefix ?><?cs var:item.Href ?>"<?cs if:item.Active ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Nav[item.Code] ?></a></li>
        <?cs /each ?>
      </ul>
    </nav>
    <?cs /if ?>
    <div class="tools">
      <?cs include:"partials/langswitch.cs" ?>
      <?cs if:Page.User.Name || Page.Pending ?>
      <form method="post" action="<?cs var:Page.Prefix ?>/logout" class="logout">
        <?cs if:Page.User.Name ?><a class="who" href="<?cs var:Page.Prefix ?>/account"><span class="visually-hidden"><?cs var:Lang.User.SignedInAs ?> </span><?cs var:Page.User.Name ?></a><?cs /if ?>
        <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
        <button type="submit" class="btn btn-quiet"><?cs var:Lang.User.Logout ?></button>
      </form>
      <?cs /if ?>
    </div>
  </div>
</header>
<?cs if:Page.Announcement ?>
<div class="announcement" role="status"><?cs var:Page.Announcement ?></div>
<?cs /if ?>
<?cs each:a = Page.Announcements ?>
<div class="announcement announcement-<?cs var:a.Kind ?>" role="status"><strong><?cs var:Lang.Announce.Kinds[a.Kind] ?>:</strong> <?cs var:a.Text ?> <span class="small">(<?cs var:Lang.Announce.Until ?> <?cs var:a.Until ?>)</span></div>
<?cs /each ?>
<main id="main" class="main" tabindex="-1">
<?cs call:content() ?>
</main>
<footer class="footer">
  <div class="footer-inner">
    <span><?cs var:Page.PortalName ?> — <?cs var:Lang.Footer.Tagline ?></span>
    <a href="<?cs var:Page.Prefix ?>/privacy/statement"><?cs var:Lang.Footer.Privacy ?></a>
    <?cs if:Page.User.Name ?><a href="<?cs var:Page.Prefix ?>/privacy/me"><?cs var:Lang.Footer.MyData ?></a><?cs /if ?>
  </div>
</footer>
</body>
</html>
