<?cs # person_erasure.cs: erasing the person — when it was done, or the way to the dry run for privacy.handle (person.cs) ?>
<?cs if:Page.Erasure.At || Page.Erasure.May ?>
<section class="panel" aria-labelledby="erasure-h">
  <h2 id="erasure-h"><?cs var:Lang.Privacy.Erasure.Title ?></h2>
  <?cs if:Page.Erasure.At ?>
  <p><?cs var:Lang.Privacy.Erasure.ErasedAt ?> <?cs var:Page.Erasure.At ?>. <?cs var:Lang.Privacy.Erasure.ErasedText ?></p>
  <?cs else ?>
  <p><?cs var:Lang.Privacy.Erasure.Intro ?></p>
  <p><a class="btn btn-danger" href="<?cs var:Page.Prefix ?><?cs var:Page.Subject.Path ?>/erase"><?cs var:Lang.Privacy.Erasure.DryRun ?></a></p>
  <?cs /if ?>
</section>
<?cs /if ?>
