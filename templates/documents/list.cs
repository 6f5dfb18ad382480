<?cs # list.cs: the documents a user may see, with filters, and retention actions ?>
<?cs include:"partials/form.cs" ?>
<?cs include:"partials/date.cs" ?>
<?cs def:title() ?><?cs var:Lang.Documents.Title ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head"><h1><?cs var:Lang.Documents.Title ?></h1>
  <?cs if:Page.MayPurge ?><a class="btn" href="<?cs var:Page.Prefix ?>/documents/retention"><?cs var:Lang.Documents.Retention ?></a><?cs /if ?>
  <?cs if:Page.MaySweep ?><a class="btn" href="<?cs var:Page.Prefix ?>/documents/sweep"><?cs var:Lang.Documents.Sweep ?></a><?cs /if ?>
  <?cs if:Page.MayUpload ?><a class="btn btn-primary" href="<?cs var:Page.Prefix ?>/documents/new"><?cs var:Lang.Documents.Upload ?></a><?cs /if ?></div>
<?cs if:Page.Form.done ?><div class="alert alert-success" role="status"><?cs var:Lang.Documents.Done[Page.Form.done] ?></div><?cs /if ?>
<form method="get" action="<?cs var:Page.Prefix ?>/documents/" class="toolbar">
  <div class="field"><label for="f-type"><?cs var:Lang.Documents.Type ?></label>
    <select id="f-type" name="type"><option value=""><?cs var:Lang.Documents.All ?></option>
    <?cs each:t = Page.Types ?><option value="<?cs var:t ?>"<?cs if:t == Page.Form.type ?> selected<?cs /if ?>><?cs var:Lang.Documents.Types[t] ?></option><?cs /each ?></select></div>
  <?cs if:subcount(Page.Units) > 1 ?><div class="field"><label for="f-unit"><?cs var:Lang.Documents.Unit ?></label>
    <select id="f-unit" name="unit"><option value=""><?cs var:Lang.Documents.All ?></option>
    <?cs each:u = Page.Units ?><option value="<?cs var:u.Id ?>"<?cs if:u.Id == Page.Form.unit ?> selected<?cs /if ?>><?cs loop:i = 1, u.Depth, 1 ?>— <?cs /loop ?><?cs var:u.Name ?></option><?cs /each ?></select></div><?cs /if ?>
  <?cs call:field("q", Lang.Documents.Search, "search", "off", 1) ?>
  <?cs call:field("person", Lang.Documents.PersonFilter, "email", "off", 1) ?>
  <?cs call:field("from", Lang.Documents.From, "date", "off", 1) ?>
  <?cs call:field("to", Lang.Documents.To, "date", "off", 1) ?>
  <div class="field"><label for="f-within"><?cs var:Lang.Documents.Expiry ?></label>
    <select id="f-within" name="within"><option value=""><?cs var:Lang.Documents.All ?></option>
      <option value="1"<?cs if:Page.Form.within == "1" ?> selected<?cs /if ?>><?cs var:Lang.Documents.Expired ?></option>
      <option value="30"<?cs if:Page.Form.within == "30" ?> selected<?cs /if ?>><?cs var:Lang.Documents.Within30 ?></option>
      <option value="90"<?cs if:Page.Form.within == "90" ?> selected<?cs /if ?>><?cs var:Lang.Documents.Within90 ?></option></select></div>
  <div class="actions"><button type="submit" class="btn"><?cs var:Lang.Documents.Filter ?></button></div>
</form>
<p class="muted small"><?cs var:Lang.Documents.Found ?>: <?cs var:Page.Total ?></p>
<form method="post" action="<?cs var:Page.Prefix ?>/documents/purge">
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<div class="table-wrap" tabindex="0"><table class="data">
  <thead><tr><?cs if:Page.MayPurge ?><th scope="col"><span class="visually-hidden"><?cs var:Lang.Documents.Select ?></span></th><?cs /if ?><th scope="col"><?cs var:Lang.Documents.DocTitle ?></th><th scope="col"><?cs var:Lang.Documents.Type ?></th><th scope="col"><?cs var:Lang.Documents.Unit ?></th><th scope="col"><?cs var:Lang.Documents.Person ?></th><th scope="col"><?cs var:Lang.Documents.Date ?></th><th scope="col"><?cs var:Lang.Documents.Expires ?></th><th scope="col"><span class="visually-hidden"><?cs var:Lang.Documents.Actions ?></span></th></tr></thead>
  <tbody>
  <?cs each:d = Page.Docs ?>
  <tr><?cs if:Page.MayPurge ?><td><input type="checkbox" name="id" value="<?cs var:d.Id ?>" aria-label="<?cs var:Lang.Documents.Select ?>: <?cs var:d.Title ?>"></td><?cs /if ?>
    <td class="wrap"><strong><?cs var:d.Title ?></strong><br><span class="muted small"><?cs var:d.Filename ?> · <?cs var:d.Kind ?> · <?cs var:d.KiB ?> KiB</span></td>
    <td><?cs var:Lang.Documents.Types[d.Type] ?></td><td><?cs var:d.Unit ?></td><td><?cs var:d.Person ?></td><td class="nowrap"><?cs call:date(d.Date) ?></td>
    <td class="nowrap"><?cs if:d.Expired ?><span class="badge badge-error"><?cs call:date(d.Expires) ?></span><?cs else ?><?cs call:date(d.Expires) ?><?cs /if ?></td>
    <td class="nowrap"><a href="<?cs var:Page.Prefix ?>/documents/<?cs var:d.Id ?>/download"><?cs var:Lang.Documents.Download ?></a><?cs if:d.Preview ?> · <a href="<?cs var:Page.Prefix ?>/documents/<?cs var:d.Id ?>/preview" target="_blank" rel="noopener"><?cs var:Lang.Documents.Preview ?></a><?cs /if ?>
      <?cs if:Page.MayPurge ?> · <a href="<?cs var:Page.Prefix ?>/documents/<?cs var:d.Id ?>/extend"><?cs var:Lang.Documents.Extend ?></a><?cs /if ?></td></tr>
  <?cs /each ?>
  </tbody>
</table></div>
<?cs if:Page.MayPurge && subcount(Page.Docs) > 0 ?><div class="actions"><button type="submit" class="btn btn-danger"><?cs var:Lang.Documents.Purge ?></button> <span class="muted small"><?cs var:Lang.Documents.PurgeHelp ?></span></div><?cs /if ?>
</form>
<?cs if:Page.Pages > 1 ?><nav class="pagination" aria-label="<?cs var:Lang.Documents.Pages ?>"><?cs if:Page.PageNo > 1 ?><a href="<?cs var:Page.Prefix ?>/documents/?page=<?cs var:Page.PageNo - 1 ?>"><?cs var:Lang.Documents.Previous ?></a><?cs /if ?> <span><?cs var:Page.PageNo ?> / <?cs var:Page.Pages ?></span> <?cs if:Page.PageNo < Page.Pages ?><a href="<?cs var:Page.Prefix ?>/documents/?page=<?cs var:Page.PageNo + 1 ?>"><?cs var:Lang.Documents.Next ?></a><?cs /if ?></nav><?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
