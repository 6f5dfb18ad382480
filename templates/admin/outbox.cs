<?cs # outbox.cs: mail and back-office calls the worker could not deliver — dead ones to send again, and those waiting for their next try ?>
<?cs def:title() ?><?cs var:Lang.Admin.Outbox.Title ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head"><h1><?cs var:Lang.Admin.Outbox.Title ?></h1></div>
<?cs if:Page.Done ?><div class="alert alert-success" role="status"><?cs var:Lang.Admin.Outbox.Done[Page.Done] ?></div><?cs /if ?>
<p class="muted"><?cs var:Lang.Admin.Outbox.Intro ?></p>
<ul class="inline-list"><?cs each:s = Lang.Admin.Outbox.States ?><li><?cs var:s ?>: <?cs if:Page.Count[name(s)] ?><?cs var:Page.Count[name(s)] ?><?cs else ?>0<?cs /if ?></li><?cs /each ?></ul>
<?cs if:subcount(Page.Rows) > 0 ?>
<div class="table-wrap" tabindex="0"><table class="data">
  <thead><tr><th scope="col"><?cs var:Lang.Admin.Outbox.What ?></th><th scope="col"><?cs var:Lang.Admin.Status ?></th><th scope="col" class="num"><?cs var:Lang.Admin.Outbox.Attempts ?></th><th scope="col"><?cs var:Lang.Admin.Outbox.Created ?></th><th scope="col"><?cs var:Lang.Admin.Outbox.Error ?></th><th scope="col"><span class="visually-hidden"><?cs var:Lang.Admin.Outbox.Retry ?></span></th></tr></thead>
  <tbody><?cs each:o = Page.Rows ?><tr><td><?cs var:Lang.Admin.Outbox.Kinds[o.Kind] ?><br><code class="small"><?cs var:o.Key ?></code></td>
    <td><?cs var:Lang.Admin.Outbox.States[o.State] ?><?cs if:o.State == "retry" ?><br><span class="muted small"><?cs var:Lang.Admin.Outbox.Next ?> <?cs var:o.Next ?></span><?cs /if ?></td>
    <td class="num"><?cs var:o.Attempts ?></td><td class="nowrap"><?cs var:o.Created ?></td><td class="wrap small"><?cs var:o.Error ?></td>
    <td><?cs if:o.State == "dead" ?><form method="post" action="<?cs var:Page.Prefix ?>/admin/outbox/<?cs var:o.Id ?>/retry" class="inline"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><button type="submit" class="btn"><?cs var:Lang.Admin.Outbox.Retry ?></button></form><?cs /if ?></td></tr><?cs /each ?></tbody>
</table></div>
<?cs else ?><div class="panel"><p><?cs var:Lang.Admin.Outbox.None ?></p></div><?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
