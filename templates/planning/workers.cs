<?cs # workers.cs: the agency's temp workers, found by name or address, each with the units whose pool he is in ?>
<?cs include:"partials/form.cs" ?>
<?cs def:title() ?><?cs var:Lang.Planning.Workers.Title ?><?cs /def ?>
<?cs def:content() ?>
<h1><?cs var:Lang.Planning.Workers.Title ?></h1>
<form method="get" action="<?cs var:Page.Prefix ?>/planning/workers" class="toolbar">
  <?cs call:field("q", Lang.Planning.Workers.Search, "search", "off", 1) ?>
  <div class="actions"><button type="submit" class="btn"><?cs var:Lang.Planning.Show ?></button></div>
</form>
<?cs if:subcount(Page.Workers) > 0 ?>
<div class="table-wrap" tabindex="0"><table class="data">
  <thead><tr><th scope="col"><?cs var:Lang.Planning.Worker ?></th><th scope="col"><?cs var:Lang.Planning.Workers.Email ?></th><th scope="col"><?cs var:Lang.Planning.Workers.Pools ?></th></tr></thead>
  <tbody><?cs each:w = Page.Workers ?><tr><td><a href="<?cs var:Page.Prefix ?>/planning/workers/<?cs var:w.Id ?>"><?cs var:w.Name ?></a></td><td><?cs var:w.Email ?></td><td><?cs if:w.Pools ?><?cs var:w.Pools ?><?cs else ?><span class="muted"><?cs var:Lang.Planning.Workers.NoPool ?></span><?cs /if ?></td></tr><?cs /each ?></tbody>
</table></div>
<?cs else ?><div class="panel"><p><?cs var:Lang.Planning.Workers.None ?></p></div><?cs /if ?>
<?cs if:Page.PageNo > 1 || Page.NextPage ?><nav class="pagination" aria-label="<?cs var:Lang.Planning.Workers.Pages ?>"><?cs if:Page.PageNo > 1 ?><a href="<?cs var:Page.Prefix ?>/planning/workers?<?cs if:Page.Query ?><?cs var:Page.Query ?>&amp;<?cs /if ?>page=<?cs var:Page.PageNo - 1 ?>"><?cs var:Lang.Planning.Workers.Prev ?></a><?cs /if ?> <?cs if:Page.NextPage ?><a href="<?cs var:Page.Prefix ?>/planning/workers?<?cs if:Page.Query ?><?cs var:Page.Query ?>&amp;<?cs /if ?>page=<?cs var:Page.NextPage ?>"><?cs var:Lang.Planning.Workers.Next ?></a><?cs /if ?></nav><?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
