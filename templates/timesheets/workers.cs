<?cs # workers.cs: the agency's temp workers without a login, whose hours it keeps, found by name or address ?>
<?cs include:"partials/form.cs" ?>
<?cs def:title() ?><?cs var:Lang.Timesheets.Workers.Title ?><?cs /def ?>
<?cs def:content() ?>
<p><a href="<?cs var:Page.Prefix ?>/timesheets/">← <?cs var:Lang.Timesheets.Title ?></a></p>
<h1><?cs var:Lang.Timesheets.Workers.Title ?></h1>
<p class="muted"><?cs var:Lang.Timesheets.Workers.Help ?></p>
<form method="get" action="<?cs var:Page.Prefix ?>/timesheets/workers" class="toolbar">
  <?cs call:field("q", Lang.Timesheets.Workers.Search, "search", "off", 1) ?>
  <div class="actions"><button type="submit" class="btn"><?cs var:Lang.Timesheets.Filter ?></button></div>
</form>
<?cs if:subcount(Page.Workers) > 0 ?>
<div class="table-wrap" tabindex="0"><table class="data">
  <thead><tr><th scope="col"><?cs var:Lang.Timesheets.Worker ?></th><th scope="col"><?cs var:Lang.Timesheets.Workers.Email ?></th></tr></thead>
  <tbody><?cs each:w = Page.Workers ?><tr><td><a href="<?cs var:Page.Prefix ?>/timesheets/workers/<?cs var:w.Id ?>"><?cs var:w.Name ?></a></td><td><?cs var:w.Email ?></td></tr><?cs /each ?></tbody>
</table></div>
<?cs else ?><div class="panel"><p><?cs var:Lang.Timesheets.Workers.None ?></p></div><?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
