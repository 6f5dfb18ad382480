<?cs # index.cs: the privacy officer's start page, a tile per duty ?>
<?cs def:title() ?><?cs var:Lang.Privacy.Title ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head"><h1><?cs var:Lang.Privacy.Title ?></h1></div>
<ul class="tiles">
  <li class="tile tile-privacy"><a href="<?cs var:Page.Prefix ?>/privacy/persons"><span class="tile-title"><?cs var:Lang.Privacy.Persons.Title ?></span><span class="tile-text"><?cs var:Lang.Privacy.Index.Persons ?></span><?cs if:Page.Due > 0 ?><span class="tile-count"><strong><?cs var:Page.Due ?></strong> <?cs var:Lang.Privacy.Index.Due ?></span><?cs /if ?></a></li>
  <li class="tile tile-privacy"><a href="<?cs var:Page.Prefix ?>/privacy/requests"><span class="tile-title"><?cs var:Lang.Privacy.Requests.Title ?></span><span class="tile-text"><?cs var:Lang.Privacy.Requests.Tile ?></span><span class="tile-count tile-requests"><strong><?cs var:Page.Requests.Open ?></strong> <?cs var:Lang.Privacy.Requests.TileOpen ?><?cs if:Page.Requests.Overdue > 0 ?> · <strong><?cs var:Page.Requests.Overdue ?></strong> <?cs var:Lang.Privacy.Requests.TileOverdue ?><?cs /if ?></span></a></li>
  <?cs if:Page.May.Agreements ?><li class="tile tile-privacy"><a href="<?cs var:Page.Prefix ?>/privacy/agreements"><span class="tile-title"><?cs var:Lang.Privacy.Agreement.ListTitle ?></span><span class="tile-text"><?cs var:Lang.Privacy.Agreement.IndexTile ?></span></a></li><?cs /if ?>
  <li class="tile tile-privacy"><a href="<?cs var:Page.Prefix ?>/privacy/statement"><span class="tile-title"><?cs var:Lang.Privacy.Statement.Title ?></span><span class="tile-text"><?cs var:Lang.Privacy.Index.Statement ?></span></a></li>
</ul>
<?cs /def ?>
<?cs include:"layout.cs" ?>
