<?cs # sweep.cs: files in the store without a document, and documents without a file ?>
<?cs def:title() ?><?cs var:Lang.Documents.Sweep ?><?cs /def ?>
<?cs def:content() ?>
<p><a href="<?cs var:Page.Prefix ?>/documents/">← <?cs var:Lang.Documents.Title ?></a></p>
<section class="panel">
  <h1><?cs var:Lang.Documents.Sweep ?></h1>
  <?cs if:Page.Done ?><div class="alert alert-success" role="status"><?cs var:Lang.Documents.SweepDone ?></div><?cs /if ?>
  <dl class="details">
    <dt><?cs var:Lang.Documents.SweepFiles ?></dt><dd><?cs var:Page.Files ?></dd>
    <dt><?cs var:Lang.Documents.SweepOrphans ?></dt><dd><?cs var:Page.Orphans ?></dd>
    <dt><?cs var:Lang.Documents.SweepMissing ?></dt><dd><?cs var:Page.Missing ?></dd>
  </dl>
  <?cs if:Page.Report ?><pre class="report"><?cs var:Page.Report ?></pre><?cs /if ?>
  <?cs if:!Page.Done && Page.Orphans > 0 ?>
  <form method="post" action="<?cs var:Page.Prefix ?>/documents/sweep">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <p class="muted"><?cs var:Lang.Documents.SweepHelp ?></p>
    <button type="submit" class="btn btn-danger"><?cs var:Lang.Documents.SweepRemove ?></button>
  </form>
  <?cs /if ?>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
