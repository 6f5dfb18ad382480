<?cs # me.cs: everyone's own privacy page — what the portal keeps about him (his file to download), his requests, where to correct his details ?>
<?cs include:"partials/form.cs" ?>
<?cs def:title() ?><?cs var:Lang.Privacy.Me.Title ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head"><h1><?cs var:Lang.Privacy.Me.Title ?></h1></div>
<?cs if:Page.Done ?><div class="alert alert-success" role="status"><?cs var:Lang.Privacy.Done[Page.Done] ?></div><?cs /if ?>
<?cs call:form_summary() ?>
<p><?cs var:Lang.Privacy.Me.Intro ?> <a href="<?cs var:Page.Prefix ?>/privacy/statement"><?cs var:Lang.Privacy.Statement.Title ?></a>.</p>
<section class="panel" aria-labelledby="me-h">
  <h2 id="me-h"><?cs var:Lang.Privacy.Me.Details ?></h2>
  <dl class="details">
    <dt><?cs var:Lang.Privacy.Persons.Name ?></dt><dd><?cs var:Page.Subject.Name ?></dd>
    <dt><?cs var:Lang.Privacy.Persons.Email ?></dt><dd><?cs var:Page.Subject.Email ?></dd>
  </dl>
  <p><a href="<?cs var:Page.Prefix ?>/account"><?cs var:Lang.Privacy.Me.Correct ?></a></p>
</section>
<?cs include:"privacy/person_dossier.cs" ?>
<?cs include:"privacy/person_requests.cs" ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
