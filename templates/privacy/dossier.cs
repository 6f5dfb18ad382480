<?cs # dossier.cs: a person's file — everything the portal keeps about him, section by section as dossier.c reads it (Page.Dossier.Sections), with the PDF and the JSON to take along ?>
<?cs def:title() ?><?cs var:Lang.Privacy.Dossier.PageTitle ?> · <?cs var:Page.Subject.Name ?><?cs /def ?>
<?cs # A table of Columns and Rows; its first cell heads the row. ?>
<?cs def:dossier_table(t, caption, hidden) ?>
<div class="table-wrap" tabindex="0"><table class="data">
  <caption<?cs if:hidden ?> class="visually-hidden"<?cs /if ?>><?cs var:caption ?></caption>
  <thead><tr><?cs each:c = t.Columns ?><th scope="col"><?cs var:c ?></th><?cs /each ?></tr></thead>
  <tbody>
  <?cs each:row = t.Rows ?><tr><?cs each:cell = row ?><?cs if:first(cell) ?><th scope="row" class="nowrap"><?cs var:cell ?></th><?cs else ?><td><?cs var:cell ?></td><?cs /if ?><?cs /each ?></tr>
  <?cs /each ?>
  </tbody>
</table></div>
<?cs /def ?>
<?cs def:dossier_fields(h) ?>
<dl class="details">
  <?cs each:f = h.Fields ?><dt><?cs var:f.Label ?></dt><dd class="prewrap"><?cs var:f.Value ?></dd>
  <?cs /each ?>
</dl>
<?cs /def ?>
<?cs def:content() ?>
<p class="small"><a href="<?cs var:Page.Prefix ?><?cs if:Page.Subject.Self ?>/privacy/me<?cs else ?><?cs var:Page.Subject.Path ?><?cs /if ?>"><?cs var:Lang.Privacy.Dossier.Back ?></a></p>
<div class="page-head">
  <h1><?cs var:Lang.Privacy.Dossier.PageTitle ?>: <?cs var:Page.Subject.Name ?></h1>
</div>
<p><?cs if:Page.Subject.Self ?><?cs var:Lang.Privacy.Dossier.IntroSelf ?><?cs else ?><?cs var:Lang.Privacy.Dossier.Intro ?><?cs /if ?></p>
<p class="muted small"><?cs var:Lang.Privacy.Dossier.Generated ?> <?cs var:Page.Dossier.Generated ?> (<?cs var:Page.Dossier.Zone ?>). <?cs var:Lang.Privacy.Dossier.Times ?></p>
<div class="actions">
  <a class="btn btn-primary" href="<?cs var:Page.Prefix ?><?cs var:Page.Dossier.Base ?>.pdf"><?cs var:Lang.Privacy.Dossier.Pdf ?></a>
  <a class="btn" href="<?cs var:Page.Prefix ?><?cs var:Page.Dossier.Base ?>.json"><?cs var:Lang.Privacy.Dossier.Json ?></a>
</div>
<nav aria-labelledby="toc-h" class="panel">
  <h2 id="toc-h"><?cs var:Lang.Privacy.Dossier.Contents ?></h2>
  <ul class="inline-list"><?cs each:s = Page.Dossier.Sections ?><li><a href="#d-<?cs var:s.Key ?>"><?cs var:s.Title ?></a></li><?cs /each ?></ul>
</nav>
<?cs each:s = Page.Dossier.Sections ?>
<section class="panel" id="d-<?cs var:s.Key ?>" aria-labelledby="d-<?cs var:s.Key ?>-h">
  <h2 id="d-<?cs var:s.Key ?>-h"><?cs var:s.Title ?></h2>
  <?cs each:n = s.Notes ?><div class="alert alert-info" role="note"><?cs var:n ?></div><?cs /each ?>
  <?cs if:s.Kind == "fields" ?>
    <?cs call:dossier_fields(s) ?>
  <?cs elif:s.Kind == "cards" ?>
    <?cs each:c = s.Cards ?>
    <section class="card" aria-labelledby="d-<?cs var:s.Key ?>-<?cs name:c ?>">
      <h3 id="d-<?cs var:s.Key ?>-<?cs name:c ?>"><?cs var:c.Title ?></h3>
      <?cs call:dossier_fields(c) ?>
      <?cs each:t = c.Subs ?>
        <?cs if:t.Empty ?><p class="muted small"><?cs var:t.Title ?>: <?cs var:Lang.Privacy.Dossier.None ?></p>
        <?cs else ?><?cs call:dossier_table(t, t.Title, 0) ?><?cs /if ?>
      <?cs /each ?>
    </section>
    <?cs /each ?>
  <?cs elif:s.Kind == "table" ?>
    <?cs call:dossier_table(s, s.Title, 1) ?>
    <?cs each:t = s.Subs ?><?cs if:!t.Empty ?>
      <h3><?cs var:t.Title ?></h3>
      <?cs call:dossier_table(t, s.Title + " — " + t.Title, 1) ?>
    <?cs /if ?><?cs /each ?>
  <?cs else ?>
    <p class="muted"><?cs var:Lang.Privacy.Dossier.None ?></p>
  <?cs /if ?>
</section>
<?cs /each ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
