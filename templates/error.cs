<?cs # error.cs: the one error page: status, what it means, the reference ?>
<?cs def:title() ?><?cs var:Lang.Error[Page.StatusKey].Title ?><?cs /def ?>
<?cs def:content() ?>
<section class="panel panel-narrow error-page">
  <p class="status-code" aria-hidden="true"><?cs var:Page.Status ?></p>
  <h1><?cs var:Lang.Error[Page.StatusKey].Title ?></h1>
  <p><?cs var:Lang.Error[Page.StatusKey].Text ?></p>
  <?cs if:Page.Field ?><p><?cs var:Lang.Error.Field ?>: <code><?cs var:Page.Field ?></code></p><?cs /if ?>
  <p class="ref"><?cs var:Lang.Error.Ref ?>: <strong><?cs var:Page.Ref ?></strong><br><span class="muted"><?cs var:Lang.Error.RefHelp ?></span></p>
  <p><a class="btn" href="<?cs var:Page.Prefix ?>/"><?cs var:Lang.Error.Home ?></a></p>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
