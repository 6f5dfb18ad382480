<?cs # agreements_client.cs: one client's processing agreements for the agency — the current version signed or not, and every version it signed, each with its signed copy ?>
<?cs def:title() ?><?cs var:Lang.Privacy.Agreement.Title ?> — <?cs var:Page.Client.Name ?><?cs /def ?>
<?cs def:content() ?>
<p class="muted small"><a href="<?cs var:Page.Prefix ?>/privacy/agreements"><?cs var:Lang.Privacy.Agreement.Back ?></a></p>
<div class="page-head"><h1><?cs var:Lang.Privacy.Agreement.Title ?> — <?cs var:Page.Client.Name ?></h1></div>
<section class="panel" aria-labelledby="state-h">
  <h2 id="state-h"><?cs var:Lang.Privacy.Agreement.Status ?></h2>
  <?cs if:Page.NoAgreement ?><p class="muted"><?cs var:Lang.Privacy.Agreement.None ?></p><?cs else ?>
  <dl class="details">
    <dt><?cs var:Lang.Privacy.Agreement.Version ?></dt><dd><?cs var:Page.Agreement.Version ?></dd>
    <dt><?cs var:Lang.Privacy.Agreement.Status ?></dt>
    <dd><?cs if:Page.Signed.Id ?><span class="badge badge-ok"><?cs var:Lang.Privacy.Agreement.States.signed ?></span> <?cs var:Page.Signed.Name ?> (<?cs var:Page.Signed.Title ?>), <?cs var:Page.Signed.At ?><?cs else ?><span class="badge badge-warn"><?cs var:Lang.Privacy.Agreement.States.unsigned ?></span><?cs /if ?></dd>
  </dl>
  <?cs /if ?>
</section>
<section class="panel" aria-labelledby="hist-h">
  <h2 id="hist-h"><?cs var:Lang.Privacy.Agreement.History ?></h2>
  <?cs if:subcount(Page.History) > 0 ?>
  <div class="table-wrap" tabindex="0"><table class="data">
    <caption class="visually-hidden"><?cs var:Lang.Privacy.Agreement.History ?>, <?cs var:Page.Client.Name ?></caption>
    <thead><tr><th scope="col"><?cs var:Lang.Privacy.Agreement.Version ?></th><th scope="col"><?cs var:Lang.Privacy.Agreement.By ?></th><th scope="col"><?cs var:Lang.Privacy.Agreement.When ?> (<?cs var:Page.Zone ?>)</th><th scope="col"><?cs var:Lang.Privacy.Agreement.Language ?></th><th scope="col"><?cs var:Lang.Privacy.Agreement.Sha256 ?></th><th scope="col"><?cs var:Lang.Privacy.Agreement.Copy ?></th></tr></thead>
    <tbody><?cs each:h = Page.History ?>
    <tr><th scope="row"><?cs var:h.Version ?><?cs if:h.Current ?> <span class="badge badge-ok"><?cs var:Lang.Privacy.Agreement.Current ?></span><?cs /if ?></th>
      <td><?cs var:h.Name ?><br><span class="small muted"><?cs var:h.Title ?></span></td>
      <td class="nowrap"><?cs var:h.At ?></td>
      <td><?cs var:Lang.LangSwitch[h.Lang] ?></td>
      <td class="wrap"><code class="small"><?cs var:h.Sha256 ?></code></td>
      <td><a href="<?cs var:Page.Prefix ?>/privacy/agreement/<?cs var:h.Id ?>/pdf" aria-label="<?cs var:Lang.Privacy.Agreement.Download ?>, <?cs var:Lang.Privacy.Agreement.Version ?> <?cs var:h.Version ?>">PDF</a></td></tr>
    <?cs /each ?></tbody>
  </table></div>
  <?cs else ?><p class="muted"><?cs var:Lang.Privacy.Agreement.NoHistory ?></p><?cs /if ?>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
