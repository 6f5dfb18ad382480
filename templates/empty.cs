<?cs # empty.cs: a module's page when it has nothing to show yet (no client with a unit in the user's scope), instead of "not found" ?>
<?cs def:title() ?><?cs var:Lang.Nav[Page.Empty.Module] ?><?cs /def ?>
<?cs def:content() ?>
<h1><?cs var:Lang.Nav[Page.Empty.Module] ?></h1>
<div class="panel"><p><?cs var:Lang.Empty.NoUnit ?></p>
<?cs if:Page.Empty.MayAdd ?><p><a class="btn btn-primary" href="<?cs var:Page.Prefix ?>/admin/clients"><?cs var:Lang.Empty.ToClients ?></a></p><?cs /if ?></div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
