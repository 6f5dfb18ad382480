<?cs # home.cs: the dashboard — what waits for the user, each a count linking to its list, and a tile per module he may use ?>
<?cs def:title() ?><?cs var:Lang.Home.Title ?><?cs /def ?>
<?cs def:content() ?>
<h1><?cs var:Lang.Home.Welcome ?>, <?cs var:Page.User.Name ?></h1>
<?cs if:Page.Agreement.Due ?>
<div class="alert alert-warn" role="status" id="agreement-due"><?cs var:Lang.Privacy.Agreement.NoticeA ?> <?cs var:Page.Agreement.Version ?> <?cs var:Lang.Privacy.Agreement.NoticeB ?> <?cs var:Page.Agreement.Client ?>. <a href="<?cs var:Page.Prefix ?>/privacy/agreement"><?cs var:Lang.Privacy.Agreement.NoticeLink ?></a></div>
<?cs /if ?>
<?cs if:Page.TodoShown ?>
<section class="panel todo" aria-labelledby="todo-title"><h2 id="todo-title"><?cs var:Lang.Home.Todo.Title ?></h2>
<?cs if:subcount(Page.Todo) > 0 ?><ul class="todo-list"><?cs each:t = Page.Todo ?>
  <li class="todo-<?cs var:t.Code ?>"><a href="<?cs var:Page.Prefix ?><?cs var:t.Href ?>"><strong><?cs var:t.Count ?></strong> <?cs if:t.Count == 1 ?><?cs var:Lang.Home.Todo.One[t.Code] ?><?cs else ?><?cs var:Lang.Home.Todo.Many[t.Code] ?><?cs /if ?></a></li><?cs /each ?>
</ul><?cs else ?><p><?cs var:Lang.Home.Todo.None ?></p><?cs /if ?>
</section>
<?cs /if ?>
<?cs if:subcount(Page.Nav) > 1 ?>
<ul class="tiles">
  <?cs each:item = Page.Nav ?><?cs if:item.Code != "home" ?>
  <li class="tile tile-<?cs var:item.Code ?>"><a href="<?cs var:Page.Prefix ?><?cs var:item.Href ?>"><span class="tile-title"><?cs var:Lang.Nav[item.Code] ?></span><span class="tile-text"><?cs var:Lang.Home.Tile[item.Code] ?></span></a></li>
  <?cs /if ?><?cs /each ?>
</ul>
<?cs else ?>
<div class="panel"><p><?cs var:Lang.Home.NoModules ?></p></div>
<?cs /if ?>
<?cs if:Page.Agreement.Link ?>
<div class="panel"><p><a href="<?cs var:Page.Prefix ?>/privacy/agreement"><?cs var:Lang.Privacy.Agreement.Link ?></a>: <?cs var:Lang.Privacy.Agreement.LinkText ?></p></div>
<?cs elif:Page.Agreement.Agency ?>
<div class="panel"><p><a href="<?cs var:Page.Prefix ?>/privacy/agreements"><?cs var:Lang.Privacy.Agreement.ListTitle ?></a>: <?cs var:Lang.Privacy.Agreement.AgencyLink ?></p></div>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
