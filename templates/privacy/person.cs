<?cs # person.cs: a person's page for the privacy officer — who he is, then a section per duty (each its own template: his file, his requests, how long he is kept, erasure) ?>
<?cs include:"partials/form.cs" ?>
<?cs def:title() ?><?cs var:Page.Subject.Name ?> · <?cs var:Lang.Privacy.Title ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head">
  <h1><?cs var:Page.Subject.Name ?> <span class="badge badge-neutral"><?cs if:Page.Subject.Kind == "candidate" ?><?cs var:Lang.Privacy.Kind.candidate ?><?cs else ?><?cs var:Lang.Privacy.Kind[Page.Subject.UserKind] ?><?cs /if ?></span><?cs if:Page.Subject.Erased ?> <span class="badge badge-neutral"><?cs var:Lang.Privacy.Persons.Erased ?></span><?cs /if ?></h1>
</div>
<?cs if:Page.Done ?><div class="alert alert-success" role="status"><?cs var:Lang.Privacy.Done[Page.Done] ?></div><?cs /if ?>
<?cs if:Page.Refused ?><div class="alert alert-error" role="alert"><?cs var:Lang.Privacy.Refused[Page.Refused] ?></div><?cs /if ?>
<?cs call:form_summary() ?>
<?cs include:"privacy/person_dossier.cs" ?>
<?cs include:"privacy/person_requests.cs" ?>
<?cs include:"privacy/person_retention.cs" ?>
<?cs include:"privacy/person_erasure.cs" ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
