<?cs var:Lang.Mail.Hello ?> <?cs var:Mail.FirstName ?>,

<?cs if:Mail.What == "extended" ?><?cs var:Lang.Mail.PrivacyRequestAnswered.Extended ?> <?cs var:Mail.Due ?>.<?cs elif:Mail.State == "refused" ?><?cs var:Lang.Mail.PrivacyRequestAnswered.Refused ?><?cs else ?><?cs var:Lang.Mail.PrivacyRequestAnswered.Done ?><?cs /if ?>

<?cs var:Lang.Mail.PrivacyRequestAnswered.Kind ?> <?cs var:Lang.Privacy.Requests.Kinds[Mail.Kind] ?>

<?cs var:Lang.Mail.PrivacyRequestAnswered.Link ?>
<?cs var:Mail.URL ?>

<?cs var:Lang.Mail.Closing ?>
<?cs var:Mail.Portal ?>
