<?cs # extend.cs: extending a document's retention by a year, with the reason ?>
<?cs include:"partials/form.cs" ?>
<?cs include:"partials/date.cs" ?>
<?cs def:title() ?><?cs var:Lang.Documents.Extend ?><?cs /def ?>
<?cs def:content() ?>
<section class="panel panel-narrow">
  <h1><?cs var:Lang.Documents.Extend ?></h1>
  <dl class="details"><dt><?cs var:Lang.Documents.DocTitle ?></dt><dd><?cs var:Page.Doc.Title ?></dd>
    <dt><?cs var:Lang.Documents.Expires ?></dt><dd><?cs call:date(Page.Doc.Expires) ?></dd></dl>
  <p class="muted"><?cs var:Lang.Documents.ExtendHelp ?></p>
  <?cs call:form_summary() ?>
  <form method="post" action="<?cs var:Page.Prefix ?>/documents/<?cs var:Page.Doc.Id ?>/extend" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <?cs call:field("reason", Lang.Documents.Reason, "text", "off", 1) ?>
    <div class="actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.Documents.ExtendYear ?></button>
      <a href="<?cs var:Page.Prefix ?>/documents/"><?cs var:Lang.Documents.Cancel ?></a></div>
  </form>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
