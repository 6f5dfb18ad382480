<?cs # index.cs: the privacy officer's start page, a tile per duty ?>
<?cs def:title() ?><?cs var:Lang.Privacy.Title ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head"><h1><?cs var:Lang.Privacy.Title ?></h1></div>
<ul class="tiles">
  <li class="tile tile-privacy"><a href="<?cs var:Page.Prefix ?>/privacy/persons"><span class="tile-title"><?cs var:Lang.Privacy.Persons.Title ?></span><span class="tile-text"><?cs var:Lang.Privacy.Index.Persons ?></span></a></li>
  <?cs if:Page.May.Agreements ?><li class="tile tile-privacy"><a href="<?cs var:Page.Prefix ?>/privacy/agreements"><span class="tile-title"><?cs var:Lang.Privacy.Agreement.ListTitle ?></span><span class="tile-text"><?cs var:Lang.Privacy.Agreement.IndexTile ?></span></a></li><?cs /if ?>
  <li class="tile tile-privacy"><a href="<?cs var:Page.Prefix ?>/privacy/statement"><span class="tile-title"><?cs var:Lang.Privacy.Statement.Title ?></span><span class="tile-text"><?cs var:Lang.Privacy.Index.Statement ?></span></a></li>
</ul>
<?cs /def ?>
<?cs include:"layout.cs" ?>
