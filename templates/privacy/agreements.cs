<?cs # agreements.cs: the agency's view of the processing agreement — per client whether the current version is signed, by whom and when, and what it signed before; the versions signed; the current text ?>
<?cs include:"partials/form.cs" ?>
<?cs include:"admin/select.cs" ?>
<?cs include:"privacy/agreement_text.cs" ?>
<?cs def:title() ?><?cs var:Lang.Privacy.Agreement.ListTitle ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head"><h1><?cs var:Lang.Privacy.Agreement.ListTitle ?></h1></div>
<?cs call:form_summary() ?>
<?cs if:Page.NoAgreement ?>
<div class="panel"><p class="muted"><?cs var:Lang.Privacy.Agreement.None ?></p></div>
<?cs else ?>
<p><?cs var:Lang.Privacy.Agreement.ListIntro ?></p>
<p><strong><?cs var:Lang.Privacy.Agreement.Version ?> <?cs var:Page.Agreement.Version ?>:</strong> <?cs var:Page.SignedCount ?> <?cs var:Lang.Privacy.Agreement.SummaryOf ?> <?cs var:Page.Total ?> <?cs var:Lang.Privacy.Agreement.SummaryClients ?></p>
<?cs /if ?>
<form method="get" action="<?cs var:Page.Prefix ?>/privacy/agreements" class="toolbar" role="search">
  <?cs call:field("q", Lang.Privacy.Agreement.Search, "search", "off", 1) ?>
  <?cs call:select_open("state", Lang.Privacy.Agreement.Status) ?>
    <option value=""><?cs var:Lang.Admin.Any ?></option>
    <?cs each:k = Lang.Privacy.Agreement.States ?><?cs call:option(name(k), k, Page.Form.state) ?><?cs /each ?>
  <?cs call:select_close("state") ?>
  <button type="submit" class="btn"><?cs var:Lang.Admin.Filter ?></button>
  <a href="<?cs var:Page.Prefix ?>/privacy/agreements"><?cs var:Lang.Admin.Reset ?></a>
</form>
<?cs if:subcount(Page.Clients) > 0 ?>
<p class="muted small"><?cs var:Lang.Admin.Found ?> <?cs var:Page.Pager.Total ?></p>
<div class="table-wrap" tabindex="0"><table class="data">
  <caption class="visually-hidden"><?cs var:Lang.Privacy.Agreement.ListTitle ?>, <?cs var:Lang.Privacy.Agreement.Version ?> <?cs var:Page.Agreement.Version ?></caption>
  <thead><tr><th scope="col"><?cs var:Lang.Privacy.Agreement.Client ?></th><th scope="col"><?cs var:Lang.Privacy.Agreement.Version ?> <?cs var:Page.Agreement.Version ?></th><th scope="col"><?cs var:Lang.Privacy.Agreement.By ?></th><th scope="col"><?cs var:Lang.Privacy.Agreement.When ?></th><th scope="col"><?cs var:Lang.Privacy.Agreement.Earlier ?></th></tr></thead>
  <tbody><?cs each:c = Page.Clients ?>
  <tr><th scope="row"><a href="<?cs var:Page.Prefix ?>/privacy/agreements/<?cs var:c.Id ?>"><?cs var:c.Name ?></a></th>
    <td><?cs if:c.SignatureId ?><span class="badge badge-ok"><?cs var:Lang.Privacy.Agreement.States.signed ?></span> <a href="<?cs var:Page.Prefix ?>/privacy/agreement/<?cs var:c.SignatureId ?>/pdf" aria-label="<?cs var:Lang.Privacy.Agreement.Download ?>, <?cs var:c.Name ?>">PDF</a><?cs else ?><span class="badge badge-warn"><?cs var:Lang.Privacy.Agreement.States.unsigned ?></span><?cs /if ?></td>
    <td><?cs if:c.SignatureId ?><?cs var:c.Signer ?><br><span class="small muted"><?cs var:c.SignerTitle ?></span><?cs /if ?></td>
    <td class="nowrap"><?cs var:c.At ?></td>
    <td><?cs if:c.Before ?><?cs var:c.Before ?>, <span class="nowrap"><?cs var:c.BeforeAt ?></span><?cs /if ?></td></tr>
  <?cs /each ?></tbody>
</table></div>
<?cs call:pager() ?>
<?cs else ?><div class="panel"><p class="muted"><?cs var:Lang.Privacy.Agreement.NoneFound ?></p></div><?cs /if ?>
<?cs if:subcount(Page.Versions) > 0 ?>
<section class="panel" aria-labelledby="versions-h">
  <h2 id="versions-h"><?cs var:Lang.Privacy.Agreement.Versions ?></h2>
  <div class="table-wrap" tabindex="0"><table class="data">
    <caption class="visually-hidden"><?cs var:Lang.Privacy.Agreement.Versions ?></caption>
    <thead><tr><th scope="col"><?cs var:Lang.Privacy.Agreement.Version ?></th><th scope="col"><?cs var:Lang.Privacy.Agreement.Clients ?></th><th scope="col"><?cs var:Lang.Privacy.Agreement.First ?></th><th scope="col"><?cs var:Lang.Privacy.Agreement.Last ?></th></tr></thead>
    <tbody><?cs each:v = Page.Versions ?>
    <tr><th scope="row"><?cs var:v.Version ?><?cs if:v.Version == Page.Agreement.Version ?> <span class="badge badge-ok"><?cs var:Lang.Privacy.Agreement.Current ?></span><?cs /if ?></th><td><?cs var:v.Count ?></td><td class="nowrap"><?cs var:v.From ?></td><td class="nowrap"><?cs var:v.Until ?></td></tr>
    <?cs /each ?></tbody>
  </table></div>
</section>
<?cs /if ?>
<?cs if:!Page.NoAgreement ?>
<section class="panel" aria-labelledby="text-h">
  <h2 id="text-h"><?cs var:Lang.Privacy.Agreement.ReadText ?> (<?cs var:Page.Agreement.Version ?>)</h2>
  <details>
    <summary><?cs if:Page.Agreement.Title ?><?cs var:Page.Agreement.Title ?><?cs else ?><?cs var:Lang.Privacy.Agreement.Title ?><?cs /if ?></summary>
    <?cs call:agreement_text() ?>
  </details>
</section>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
